using Psrp.OutOfProc;
using System.Text;
using Psrp.Providers.Container;

namespace Psrp.Container.Tests;

/// <summary>The demultiplexer's small parts, without an engine: the first-line check and the stderr tail.</summary>
public class PumpPartsTests
{
    [Theory]
    [InlineData("<Data Stream='Default' PSGuid='00000000-0000-0000-0000-000000000000'>AAA")]
    [InlineData("\r\n\n<CommandAck PSGuid='1' />\n")]
    [InlineData("__NamedPipeError__: something broke\n")]
    public void ProtocolStarts_AreLetThroughAtOnce(string first)
    {
        Assert.Equal(FirstLineCheck.Verdict.Protocol, new FirstLineCheck().Add(Encoding.UTF8.GetBytes(first)));
    }

    [Fact]
    public void AnEngineErrorLine_IsNotTheProtocol_AndIsQuotedWhole()
    {
        var check = new FirstLineCheck();
        Assert.Equal(FirstLineCheck.Verdict.Pending, check.Add("OCI runtime exec failed: exec failed: "u8));
        Assert.Equal(FirstLineCheck.Verdict.NotProtocol, check.Add("exec: \"pwsh\": executable file not found in $PATH: unknown\r\n"u8));
        Assert.Equal("OCI runtime exec failed: exec failed: exec: \"pwsh\": executable file not found in $PATH: unknown", check.Text);
    }

    [Fact]
    public void AtTheEnd_WhateverArrivedIsJudged()
    {
        var text = new FirstLineCheck();
        text.Add("no newline"u8);
        Assert.Equal(FirstLineCheck.Verdict.NotProtocol, text.Judge(atEnd: true));

        var nothing = new FirstLineCheck();
        nothing.Add("\r\n"u8);
        Assert.Equal(FirstLineCheck.Verdict.Pending, nothing.Judge(atEnd: false));
        Assert.Equal(FirstLineCheck.Verdict.Protocol, nothing.Judge(atEnd: true));
    }

    [Fact]
    public void AnEndlessLine_IsJudgedAtTheLimit_SoNothingWaitsForever()
    {
        var check = new FirstLineCheck();
        Assert.Equal(FirstLineCheck.Verdict.NotProtocol, check.Add(Encoding.ASCII.GetBytes(new string('x', FirstLineCheck.MaxHeld))));
    }

    [Fact]
    public void StderrTail_KeepsTheEnd_AndCharactersSplitAcrossFrames()
    {
        var tail = new StderrTail();
        tail.Append(Encoding.UTF8.GetBytes(new string('a', 10_000)));
        var euro = Encoding.UTF8.GetBytes(" price: 5€ end");
        var split = Array.IndexOf(euro, (byte)0xE2) + 1;
        tail.Append(euro.AsSpan(0, split));
        tail.Append(euro.AsSpan(split));
        var text = tail.ToString();
        Assert.True(text.Length <= 4096);
        Assert.EndsWith("aaa price: 5€ end", text, StringComparison.Ordinal);
    }
}

using Psrp.Providers.HyperV.Handshake;

namespace Psrp.HyperV.Tests.Unit;

/// <summary>Token extraction (GV13) and what error messages may show of a peer's reply.</summary>
public class ControlWordsTests
{
    [Fact]
    public void Gv13_TheFuzzSeed_YieldsTokenTQ()
    {
        // PowerShell's test/fuzzing/inputs/mininput.
        Assert.Equal("TQ", ControlWords.ExtractToken([0x54, 0x4f, 0x4b, 0x45, 0x4e, 0x20, 0x54, 0x51]));
    }

    [Theory]
    [InlineData("TOKEN  padded \t", "padded")]
    [InlineData("TOKEN a b", "a b")]
    [InlineData("TOKEN x\0\0", "x")]
    public void Tokens_AreTrimmed(string message, string token) =>
        Assert.Equal(token, ControlWords.ExtractToken(System.Text.Encoding.ASCII.GetBytes(message)));

    [Theory]
    [InlineData("")]
    [InlineData("TOKEN")]
    [InlineData("TOKEN ")]
    [InlineData("token abc")]
    [InlineData(" TOKEN abc")]
    public void NonTokens_AreNull(string message) => Assert.Null(ControlWords.ExtractToken(System.Text.Encoding.ASCII.GetBytes(message)));

    [Theory]
    [InlineData("PASS", "'PASS'")]
    [InlineData("VERSION_2", "'VERSION_2'")]
    [InlineData("TOKEN s3cr3t", "a 12-byte reply")]
    [InlineData("", "an empty reply")]
    public void Describe_ShowsKeywordsOnly(string reply, string shown) =>
        Assert.Equal(shown, ControlWords.Describe(System.Text.Encoding.ASCII.GetBytes(reply)));
}

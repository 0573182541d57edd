using System.Management.Automation;
using System.Text;
using Psrp.Cli.Invocation;
using Psrp.Serialization;

namespace Psrp.Cli.Tests.Unit;

/// <summary><c>psrp invoke -o clixml</c>'s writer: each object leaves as it is written, and the whole is one document PowerShell reads.</summary>
public class ClixmlOutputTests
{
    [Fact]
    public async Task Each_object_is_on_the_stream_as_soon_as_it_is_written()
    {
        using var stdout = new MemoryStream();
        var output = new ClixmlOutput(stdout);

        await output.WriteAsync(new PsObject { BaseValue = "the first" }, CancellationToken.None);

        Assert.Equal(
            "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\"><S>the first</S>",
            Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Fact]
    public async Task The_streamed_document_is_what_PowerShell_reads_back()
    {
        using var stdout = new MemoryStream();
        var output = new ClixmlOutput(stdout);
        var shared = new PsObject();
        shared.ExtendedProperties.Add("Name", "x");
        shared.ExtendedProperties.Add("Size", 42);

        for (var i = 0; i < 1000; i++)
        {
            await output.WriteAsync(new PsObject { BaseValue = i }, CancellationToken.None);
            await output.WriteAsync(shared, CancellationToken.None);
        }

        await output.CompleteAsync(CancellationToken.None);

        // The same object written twice is written in full twice (the writer keeps no object it wrote);
        // reference ids stay unique across the document, so PowerShell's deserializer takes it.
        var items = PSSerializer.DeserializeAsList(Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal(2000, items.Length);
        Assert.Equal(999, items[1998]);
        var last = Assert.IsType<PSObject>(items[1999]);
        Assert.Equal("x", last.Properties["Name"].Value);
        Assert.Equal(42, last.Properties["Size"].Value);
    }
}

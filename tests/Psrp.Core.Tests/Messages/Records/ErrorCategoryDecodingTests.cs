using System.Text;
using Psrp.Messages;

namespace Psrp.Tests.Messages.Records;

/// <summary>
/// ErrorCategory_Category as PowerShell's remoting decoder reads it: a number outside the enum is
/// kept (newer servers may add categories), anything that is no number at all is a protocol error
/// — the decoder's only failure for bad input, never FormatException or InvalidCastException.
/// </summary>
public class ErrorCategoryDecodingTests
{
    private static byte[] Record(string category) => Encoding.UTF8.GetBytes(
        "<Obj RefId=\"0\"><TN RefId=\"0\"><T>System.Management.Automation.ErrorRecord</T><T>System.Object</T></TN>" +
        "<ToString>boom</ToString><MS><S N=\"FullyQualifiedErrorId\">x</S>" + category + "</MS></Obj>");

    [Fact]
    public void A_category_that_is_no_number_is_a_protocol_error()
    {
        var error = Assert.Throws<PsrpProtocolException>(() =>
            PsrpPayloadCodec.Decode(MessageType.ErrorRecord, Record("<S N=\"ErrorCategory_Category\">abc</S>")));

        Assert.Equal(PsrpProtocolError.InvalidValue, error.Code);
        Assert.Contains("ErrorCategory_Category", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_category_number_outside_the_enum_is_kept()
    {
        var message = (ErrorRecordMessage)PsrpPayloadCodec.Decode(MessageType.ErrorRecord, Record("<I32 N=\"ErrorCategory_Category\">99</I32>"));

        Assert.Equal((ErrorCategory)99, message.Record.Category);
    }

    [Fact]
    public void A_category_too_large_for_an_int_is_a_protocol_error()
    {
        Assert.Throws<PsrpProtocolException>(() =>
            PsrpPayloadCodec.Decode(MessageType.ErrorRecord, Record("<I64 N=\"ErrorCategory_Category\">9999999999</I64>")));
    }
}

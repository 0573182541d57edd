using System.Xml;
using Psrp.Serialization;
using Psrp.Tests.Serialization.Support;

namespace Psrp.Tests.Serialization;

/// <summary>
/// DateTime text parses as <c>XmlConvert.ToDateTime(…, RoundtripKind)</c> — PowerShell's reader —
/// in zones unlike UTC, where an offset must convert to local time (DST gaps and overlaps, the
/// calendar's ends). Switching the zone is process-wide, so this runs apart from other tests.
/// </summary>
[Collection(LocalTimeZoneCollection.Name)]
public class DateTimeParsingTests
{
    public static TheoryData<string> DateTexts => new()
    {
        "2020-01-02T03:04:05.1234567Z", "2020-01-02T03:04:05.1234567", "2020-01-02T03:04:05.1234567+05:00",
        "2020-01-02T03:04:05.1234567-08:30", "2020-01-02T03:04:05+14:00", "2020-01-02T03:04:05-14:00", "2020-03-08T02:30:00-05:00", "2020-11-01T01:30:00-04:00", "2020-11-01T01:30:00-05:00",
        "0002-01-01T00:00:00+14:00", "9998-12-31T23:59:59-14:00",
        "2020-01-02T03:04:05Z", "2020-01-02T03:04:05", "2020-01-02T03:04:05.1Z", "2020-01-02T03:04:05.1230000+00:00",
        "0001-01-01T00:00:00", "0001-01-01T00:00:00+05:00", "0001-01-01T00:00:00-05:00", "9999-12-31T23:59:59.9999999",
        "9999-12-31T23:59:59.9999999-05:00", "9999-12-31T23:59:59.9999999Z", "2020-03-29T02:30:00+01:00",
        "2020-02-30T00:00:00", "2020-01-02T24:00:00", "2020-01-02", "2020-01-02T03:04", "2020-01-02T03:04:05.12345678Z",
        " 2020-01-02T03:04:05Z ", "2020-01-02t03:04:05z", "20200102T030405Z", "", "-0001-01-01T00:00:00", "12020-01-02T03:04:05",
    };

    [Theory]
    [MemberData(nameof(DateTexts))]
    public void DateTimes_parse_as_XmlConvert_parses_them_in_several_time_zones(string text)
    {
        // The machine zone decides how an offset converts to Local: check a few unlike UTC.
        foreach (var zone in new[] { "UTC", "America/New_York", "Asia/Kathmandu", "Pacific/Kiritimati" })
        {
            using var _ = LocalTimeZone.Set(zone);
            var xml = $"<DT>{text}</DT>";
            DateTime expected;
            try
            {
                expected = XmlConvert.ToDateTime(text, XmlDateTimeSerializationMode.RoundtripKind);
            }
            catch (FormatException)
            {
                Assert.Equal(PsrpProtocolError.InvalidValue, Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(xml)).Code);
                continue;
            }

            var ours = Assert.IsType<DateTime>(ClixmlReader.Deserialize(xml));
            Assert.True(expected.Ticks == ours.Ticks && expected.Kind == ours.Kind, $"{zone} {text}: XmlConvert {expected:o} {expected.Kind}, ours {ours:o} {ours.Kind}");
        }
    }

}

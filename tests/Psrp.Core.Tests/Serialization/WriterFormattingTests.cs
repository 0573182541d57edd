using System.Xml;
using Psrp.Serialization;
using Psrp.Tests.Serialization.Support;

namespace Psrp.Tests.Serialization;

/// <summary>
/// The writer formats numbers and dates straight into UTF-8; the text must be exactly what
/// PowerShell's serializer writes through <c>XmlConvert.ToString</c>.
/// </summary>
[Collection(LocalTimeZoneCollection.Name)]
public class WriterFormattingTests
{
    private static string Body(object value) => ClixmlWriter.SerializeToString(value);

    [Fact]
    public void Doubles_and_singles_match_XmlConvert()
    {
        var random = new Random(17);
        var doubles = new[] { 0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, double.MinValue, 0.1, 1e20, 1e-7, 123456789012345678.0 }
            .Concat(Enumerable.Range(0, 500).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64())));
        foreach (var d in doubles)
        {
            Assert.Equal($"<Db>{XmlConvert.ToString(d)}</Db>", Body(d));
        }

        var singles = new[] { 0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, float.MaxValue, 0.1f, 1e20f }
            .Concat(Enumerable.Range(0, 500).Select(_ => BitConverter.Int32BitsToSingle(random.Next())));
        foreach (var f in singles)
        {
            Assert.Equal($"<Sg>{XmlConvert.ToString(f)}</Sg>", Body(f));
        }
    }

    [Fact]
    public void Decimals_keep_their_scale_as_XmlConvert_writes_them()
    {
        foreach (var m in new[] { 0m, 1.10m, -0.0000001m, decimal.MaxValue, decimal.MinValue, 0.1234567890123456789012345678m, 100m, 1e-28m })
        {
            Assert.Equal($"<D>{XmlConvert.ToString(m)}</D>", Body(m));
        }
    }

    [Fact]
    public void Versions_match_ToString()
    {
        foreach (var v in new[] { new Version(1, 2), new Version(1, 2, 3), new Version(1, 2, 3, 4), new Version(int.MaxValue, 0, int.MaxValue, 0) })
        {
            Assert.Equal($"<Version>{v}</Version>", Body(v));
        }
    }

    [Fact]
    public void DateTimes_match_XmlConvert_in_several_time_zones()
    {
        var random = new Random(23);
        var samples = new List<DateTime>
        {
            DateTime.MinValue, DateTime.MaxValue, new DateTime(2020, 3, 8, 2, 30, 0), new DateTime(2020, 11, 1, 1, 30, 0),
            new DateTime(999, 1, 2, 3, 4, 5).AddTicks(10), new DateTime(2021, 2, 3, 4, 5, 6).AddTicks(1_000_000),
        };
        samples.AddRange(Enumerable.Range(0, 200).Select(_ => new DateTime(random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay))));

        foreach (var zone in new[] { "UTC", "America/New_York", "Asia/Kathmandu", "Pacific/Kiritimati" })
        {
            using var _ = LocalTimeZone.Set(zone);
            foreach (var sample in samples)
            {
                foreach (var kind in new[] { DateTimeKind.Utc, DateTimeKind.Local, DateTimeKind.Unspecified })
                {
                    var value = DateTime.SpecifyKind(sample, kind);
                    Assert.Equal($"<DT>{XmlConvert.ToString(value, XmlDateTimeSerializationMode.RoundtripKind)}</DT>", Body(value));
                }
            }
        }
    }
}

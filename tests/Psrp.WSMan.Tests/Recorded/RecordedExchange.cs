using System.Text;
using System.Xml.Linq;
using Psrp.Providers.WSMan.Soap;

namespace Psrp.WSMan.Tests.Recorded;

/// <summary>One recorded conversation with a real WinRM server (TestData/recorded/&lt;name&gt;).</summary>
internal sealed class RecordedExchange
{
    private static readonly XNamespace S = "http://www.w3.org/2003/05/soap-envelope";
    private static readonly XNamespace A = "http://schemas.xmlsoap.org/ws/2004/08/addressing";

    private RecordedExchange(string name, IReadOnlyList<Message> messages)
    {
        Name = name;
        Messages = messages;
    }

    public static IEnumerable<string> All =>
        Directory.GetDirectories(Folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public string Name { get; }

    public IReadOnlyList<Message> Messages { get; }

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "recorded");

    public static RecordedExchange Load(string name)
    {
        var folder = Path.Combine(Folder, name);
        var messages = new List<Message>();
        for (var i = 0; File.Exists(Path.Combine(folder, $"{i:00}-request.xml")); i++)
        {
            var status = Path.Combine(folder, $"{i:00}-status.txt");
            messages.Add(new Message(
                i,
                File.ReadAllText(Path.Combine(folder, $"{i:00}-request.xml")),
                File.ReadAllBytes(Path.Combine(folder, $"{i:00}-response.xml")),
                File.Exists(status) ? int.Parse(File.ReadAllText(status).Trim(), System.Globalization.CultureInfo.InvariantCulture) : 200));
        }

        Assert.NotEmpty(messages);
        return new RecordedExchange(name, messages);
    }

    /// <summary>One request and its response.</summary>
    internal sealed record Message(int Index, string RequestText, byte[] ResponseBytes, int Status)
    {
        public XDocument Request => XDocument.Parse(RequestText);

        public string Action => Request.Root!.Element(S + "Header")!.Element(A + "Action")!.Value.Split('/')[^1];

        public Guid MessageId => Guid.Parse(Request.Root!.Element(S + "Header")!.Element(A + "MessageID")!.Value["uuid:".Length..]);

        public WSManResponse Response => WSManResponse.Parse(ResponseBytes, 4 << 20);

        public string ResponseText => Encoding.UTF8.GetString(ResponseBytes);
    }
}

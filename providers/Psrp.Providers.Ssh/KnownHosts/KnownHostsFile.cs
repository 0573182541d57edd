using System.Globalization;
using System.Text;

namespace Psrp.Providers.Ssh.KnownHosts;

/// <summary>
/// Reads and appends OpenSSH known_hosts files (sshd(8), SSH_KNOWN_HOSTS FILE FORMAT):
/// <c>[@marker] hosts keytype base64-key [comment]</c>, one key per line, <c>#</c> comments.
/// Lines that do not parse are skipped, as OpenSSH skips them.
/// </summary>
public static class KnownHostsFile
{
    /// <summary>
    /// The name a host is filed under: the lower-cased host on port 22, else <c>[host]:port</c>
    /// (OpenSSH's <c>put_host_port</c>).
    /// </summary>
    public static string HostKeyName(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var name = host.Trim('[', ']').ToLowerInvariant();
        return port == SshConnectionSettings.DefaultPort ? name : $"[{name}]:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The entries of <paramref name="path"/>; none when the file does not exist.</summary>
    public static IReadOnlyList<KnownHostEntry> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return [];
        }

        var entries = new List<KnownHostEntry>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (TryParse(line, path, number, out var entry))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>Parses one line; false for blank lines, comments and lines that are not key lines.</summary>
    public static bool TryParse(string line, string file, int number, out KnownHostEntry entry)
    {
        entry = null!;
        var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0 || fields[0].StartsWith('#'))
        {
            return false;
        }

        var marker = KnownHostMarker.None;
        var first = 0;
        if (fields[0].StartsWith('@'))
        {
            marker = fields[0].ToLowerInvariant() switch
            {
                "@cert-authority" => KnownHostMarker.CertAuthority,
                "@revoked" => KnownHostMarker.Revoked,
                _ => (KnownHostMarker)(-1),
            };
            if ((int)marker < 0)
            {
                return false;
            }

            first = 1;
        }

        if (fields.Length < first + 3)
        {
            return false;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(fields[first + 2]);
        }
        catch (FormatException)
        {
            return false;
        }

        entry = new KnownHostEntry(marker, fields[first], fields[first + 1], key, file, number);
        return true;
    }

    /// <summary>
    /// Appends a key line for <paramref name="hostName"/> to <paramref name="path"/>, creating the
    /// file (mode 600) and its folder (mode 700) when missing. With <paramref name="hashed"/> the
    /// host name is written hashed (<c>|1|salt|hash</c>), else in plain text.
    /// </summary>
    public static void Append(string path, string hostName, byte[] key, bool hashed)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(key);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var name = hashed ? HostPattern.Hash(hostName) : hostName;
        var line = $"{name} {SshKeyBlob.KeyType(key)} {Convert.ToBase64String(key)}\n";
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows() && !File.Exists(path))
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        // A file whose last line lacks its newline would glue our line onto it.
        var needsNewline = File.Exists(path) && EndsWithoutNewline(path);
        using var stream = new FileStream(path, options);
        var bytes = Encoding.UTF8.GetBytes((needsNewline ? "\n" : string.Empty) + line);
        stream.Write(bytes);
    }

    private static bool EndsWithoutNewline(string path)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length == 0)
        {
            return false;
        }

        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() != '\n';
    }
}

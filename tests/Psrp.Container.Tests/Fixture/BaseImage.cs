using System.Formats.Tar;

namespace Psrp.Container.Tests.Fixture;

/// <summary>
/// The root file system of the test image: empty top-level folders and the usual symlinks into
/// /usr, nothing else. No registry is reachable here, so the image is made locally (<c>docker
/// import</c>); the host's /usr and /etc are bind-mounted at run time and bring every program.
/// </summary>
internal static class BaseImage
{
    public const string Repository = "psrp-test-base";
    public const string Tag = "1";
    public const string Reference = Repository + ":" + Tag;

    public static MemoryStream CreateTar()
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var dir in new[] { "usr", "etc", "proc", "sys", "dev", "root", "run", "srv", "tmp" })
            {
                var mode = dir == "tmp"
                    ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                      | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.StickyBit
                    : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                      | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, dir + "/") { Mode = mode });
            }

            foreach (var (link, target) in new[] { ("bin", "usr/bin"), ("lib", "usr/lib"), ("lib64", "usr/lib64"), ("sbin", "usr/sbin") })
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, link) { LinkName = target });
            }
        }

        tar.Position = 0;
        return tar;
    }
}

using Psrp.Fragments;
using Psrp.Messages;

namespace Psrp.LocalServer.Tests.Support;

/// <summary>
/// The client's first Data packet: SESSION_CAPABILITY (protocol 2.3) and INIT_RUNSPACEPOOL as
/// recorded by pypsrp (TestData/gv1-creation.b64; see TestData/README.md for the source and licence).
/// </summary>
internal static class GoldenCreation
{
    private static readonly Lazy<byte[]> s_fragments = new(() =>
        Convert.FromBase64String(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "gv1-creation.b64")).Trim()));

    /// <summary>The fragments, as they go into the Data packet.</summary>
    public static ReadOnlySpan<byte> Fragments => s_fragments.Value;

    /// <summary>The runspace pool id the recording's INIT_RUNSPACEPOOL creates.</summary>
    public static Guid RunspacePoolId
    {
        get
        {
            using var assembler = new FragmentAssembler();
            assembler.Feed(Fragments);
            while (assembler.TryRead(out AssembledObject? assembled))
            {
                using (assembled)
                {
                    PsrpMessage message = PsrpMessage.Decode(assembled.Memory);
                    if (message.MessageType == MessageType.InitRunspacePool)
                    {
                        return message.RunspacePoolId;
                    }
                }
            }

            throw new InvalidDataException("gv1-creation.b64 holds no INIT_RUNSPACEPOOL.");
        }
    }

    /// <summary>The whole first line a client sends on the pool channel.</summary>
    public static string DataLine => OutOfProcPacket.DataLine(Guid.Empty, Fragments);
}

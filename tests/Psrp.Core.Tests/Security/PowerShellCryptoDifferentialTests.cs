using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text;
using Psrp.Messages;
using Psrp.Security;
using Psrp.Serialization;

namespace Psrp.Tests.Security;

/// <summary>
/// Our key exchange and SecureString codec against PowerShell's own implementation
/// (<c>System.Management.Automation.Internal.PSRSACryptoServiceProvider</c>, internal, reached by
/// reflection), in both roles.
/// </summary>
public class PowerShellCryptoDifferentialTests
{
    private static readonly Version V23 = new(2, 3);

    [Fact]
    public void PowerShellServer_WrapsAKeyOurClientUnwraps_AndSecureStringsCrossBothWays()
    {
        using var client = new SessionKeyExchange();
        using var server = PowerShellCrypto.ServerMode();
        server.Call("GenerateSessionKey");
        server.Call("ImportPublicKeyFromBase64EncodedString", client.PublicKey.KeyBlob);
        var reply = new EncryptedSessionKey((string)server.Call("SafeExportSessionKey")!);

        using SessionKey key = client.DecryptSessionKey(reply);
        using var codec = new SecureStringCodec(V23, V23);
        codec.SetSessionKey(key);

        string fromPowerShell = Convert.ToBase64String(server.Encrypt(Encoding.Unicode.GetBytes("Password1")));
        Assert.Equal("Password1", codec.Decode(new PsSecureString(fromPowerShell)));

        byte[] toPowerShell = Convert.FromBase64String(codec.Encode("ünïcødé 🔑").EncodedValue);
        Assert.Equal("ünïcødé 🔑", Encoding.Unicode.GetString(server.Decrypt(toPowerShell)));
        Assert.Equal(fromPowerShell, codec.Encode("Password1").EncodedValue);
    }

    [Fact]
    public void OurServerWrapsAKeyPowerShellClientImports()
    {
        using var psClient = PowerShellCrypto.ClientMode();
        psClient.Call("GenerateKeyPair");
        var publicKey = new PublicKey((string)psClient.Call("GetPublicKeyAsBase64EncodedString")!);

        Assert.StartsWith("BgIAAACkAABSU0ExAAgAAAEAAQ", publicKey.KeyBlob, StringComparison.Ordinal);

        using SessionKey key = SessionKey.Generate();
        psClient.Call("ImportSessionKeyFromBase64EncodedString", SessionKeyWrapper.Wrap(publicKey, key).KeyBlob);
        using var codec = new SecureStringCodec(V23, V23);
        codec.SetSessionKey(key);

        string fromUs = codec.Encode("Password1").EncodedValue;
        Assert.Equal("Password1", Encoding.Unicode.GetString(psClient.Decrypt(Convert.FromBase64String(fromUs))));
        Assert.Equal(fromUs, Convert.ToBase64String(psClient.Encrypt(Encoding.Unicode.GetBytes("Password1"))));
    }

    [Theory]
    [InlineData("Password1")]
    [InlineData("")]
    [InlineData("ünïcødé 🔑")]
    public void PlainTextMode_MatchesPowerShellsProtocol24Encoding(string secret)
    {
        // PowerShell 7.6's Encrypt/DecryptSecureString fall back to these two when the peer's
        // protocol version is 2.4 or later (client: server's version; server: client's version).
        Type helperType = typeof(System.Management.Automation.PowerShell).Assembly
            .GetType("System.Management.Automation.Internal.PSRemotingCryptoHelper", throwOnError: true)!;
        Type serverType = typeof(System.Management.Automation.PowerShell).Assembly
            .GetType("System.Management.Automation.Internal.PSRemotingCryptoHelperServer", throwOnError: true)!;
        object helper = Activator.CreateInstance(serverType, nonPublic: true)!;
        using var helperLifetime = (IDisposable)helper;
        const BindingFlags Flags = BindingFlags.Instance | BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public;
        MethodInfo toBase64 = helperType.GetMethod("ConvertSecureStringToBase64String", Flags)!;
        MethodInfo fromBase64 = helperType.GetMethod("ConvertBase64StringToSecureString", Flags)!;
        using var codec = new SecureStringCodec(new Version(2, 4), new Version(2, 4));
        using var secure = new System.Security.SecureString();
        foreach (char c in secret)
        {
            secure.AppendChar(c);
        }

        string powerShellWire = (string)toBase64.Invoke(helper, [secure])!;
        Assert.Equal(powerShellWire, codec.Encode(secret).EncodedValue);

        using var back = (System.Security.SecureString)fromBase64.Invoke(helper, [codec.Encode(secret).EncodedValue])!;
        Assert.Equal(secret, new System.Net.NetworkCredential(string.Empty, back).Password);
    }

    /// <summary>A thin reflection handle on one PSRSACryptoServiceProvider instance.</summary>
    private sealed class PowerShellCrypto : IDisposable
    {
        private static readonly Type ProviderType =
            typeof(System.Management.Automation.PowerShell).Assembly.GetType("System.Management.Automation.Internal.PSRSACryptoServiceProvider", throwOnError: true)!;

        private readonly object _instance;

        private PowerShellCrypto(bool serverMode) =>
            _instance = Activator.CreateInstance(ProviderType, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, null, [serverMode], null)!;

        public static PowerShellCrypto ServerMode() => new(serverMode: true);

        public static PowerShellCrypto ClientMode() => new(serverMode: false);

        public object? Call(string method, params object[] args)
        {
            MethodInfo info = ProviderType.GetMethod(method, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
                ?? throw new MissingMethodException(ProviderType.FullName, method);
            try
            {
                return info.Invoke(_instance, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(ex.InnerException);
                throw;
            }
        }

        public byte[] Encrypt(byte[] data) => (byte[])Call("EncryptWithSessionKey", data)!;

        public byte[] Decrypt(byte[] data) => (byte[])Call("DecryptWithSessionKey", data)!;

        public void Dispose() => ((IDisposable)_instance).Dispose();
    }
}

namespace Psrp.Cli.Cli;

/// <summary>
/// Every named parameter the <c>psrp</c> commands accept. The session parameters are the seed's
/// Enter-PSSession names (with PowerShell's aliases); the rest belong to <c>invoke</c>.
/// </summary>
internal static class ParameterCatalog
{
    /// <summary>The Enter-PSSession parameters shared by <c>enter</c> and <c>invoke</c>.</summary>
    public static readonly ParameterName[] Session =
    [
        new("ComputerName", "--computer-name", true, "Cn"),
        new("HostName", "--host-name", true),
        new("ConnectionUri", "--connection-uri", true, "URI", "CU"),
        new("VMId", "--vm-id", true, "VMGuid"),
        new("VMName", "--vm-name", true),
        new("ContainerId", "--container-id", true),
        new("Credential", "--credential", true),
        new("UserName", "--user-name", true),
        new("KeyFilePath", "--key-file-path", true, "IdentityFilePath"),
        new("Port", "--port", true),
        new("UseSSL", "--use-ssl", false),
        new("ApplicationName", "--application-name", true),
        new("AllowRedirection", "--allow-redirection", false),
        new("Authentication", "--authentication", true),
        new("CertificateThumbprint", "--certificate-thumbprint", true),
        new("ConfigurationName", "--configuration-name", true),
        new("SessionOption", "--session-option", true),
        new("Options", "--options", true),
        new("Subsystem", "--subsystem", true),
        new("ConnectingTimeout", "--connecting-timeout", true),
        new("SSHTransport", "--ssh-transport", false),
        new("RunAsAdministrator", "--run-as-administrator", false),
        new("EnableNetworkAccess", "--enable-network-access", false),
        new("Provider", "--provider", true),

        // Parameter sets naming sessions of another PowerShell process: recognised so the user gets a clear refusal.
        new("Session", "--session", true),
        new("Id", "--id", true),
        new("Name", "--name", true),
        new("InstanceId", "--instance-id", true),
    ];

    /// <summary>The parameters of <c>invoke</c> besides the session ones (Invoke-Command's names where it has one).</summary>
    public static readonly ParameterName[] Invoke =
    [
        new("Command", "--command", true, "ScriptBlock", "c"),
        new("FilePath", "--file-path", true, "File", "f"),
        new("Output", "--output", true, "o", "OutputFormat"),
        new("FailOnError", "--fail-on-error", false),
    ];

    /// <summary>Wire tuning and tracing, shared by <c>enter</c> and <c>invoke</c> (docs/tuning.md).</summary>
    public static readonly ParameterName[] Tuning =
    [
        new("FragmentSize", "--fragment-size", true),
        new("FragmentsPerPacket", "--fragments-per-packet", true),
        new("MaxEnvelopeSize", "--max-envelope-size", true),
        new("MaxReceivedObjectSize", "--max-received-object-size", true, "MaximumReceivedObjectSize"),
        new("MaxReceivedDataSizePerCommand", "--max-received-data-size-per-command", true, "MaximumReceivedDataSizePerCommand"),
        new("ReceiveBufferSize", "--receive-buffer-size", true),
        new("ReceiveQueueCapacity", "--receive-queue-capacity", true),
        new("OutputBufferCapacity", "--output-buffer-capacity", true),
        new("OutputBatchWindow", "--output-batch-window", true),
        new("Trace", "--trace", true),
    ];

    /// <summary>Every parameter, for the normaliser.</summary>
    public static IEnumerable<ParameterName> All => Session.Concat(Invoke).Concat(Tuning);
}

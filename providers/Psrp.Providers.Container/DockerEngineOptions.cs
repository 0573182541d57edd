namespace Psrp.Providers.Container;

/// <summary>
/// Which Docker Engine to talk to and how, with the docker CLI's defaults: an unset value falls
/// back to <c>DOCKER_HOST</c>, <c>DOCKER_TLS_VERIFY</c>, <c>DOCKER_TLS</c> and <c>DOCKER_CERT_PATH</c>,
/// then to the active docker context, then to the platform's default socket
/// (<c>unix:///var/run/docker.sock</c>, or <c>npipe://./pipe/docker_engine</c> on Windows).
/// </summary>
public sealed record DockerEngineOptions
{
    /// <summary>
    /// The engine endpoint: <c>unix:///path/docker.sock</c>, <c>npipe://./pipe/docker_engine</c>,
    /// <c>tcp://host:2375</c> (plain), <c>tcp://host:2376</c> with <see cref="UseTls"/>, or
    /// <c>https://host:2376</c> (TLS). Null: <c>DOCKER_HOST</c>, else the docker context, else the platform default.
    /// </summary>
    public Uri? Endpoint { get; init; }

    /// <summary>
    /// Whether to speak TLS to a tcp endpoint. Null: on when the endpoint is <c>https://</c>, when
    /// <see cref="VerifyServer"/> is on, or when <c>DOCKER_TLS</c> or <c>DOCKER_TLS_VERIFY</c> is set (as the docker CLI).
    /// </summary>
    public bool? UseTls { get; init; }

    /// <summary>
    /// Whether to check the engine's certificate: against <c>ca.pem</c> in <see cref="CertificatePath"/>
    /// when that file exists, else against the system's trusted roots. Null: on when <c>DOCKER_TLS_VERIFY</c>
    /// is set (any non-empty value, as the docker CLI).
    /// </summary>
    public bool? VerifyServer { get; init; }

    /// <summary>
    /// The folder holding <c>ca.pem</c>, <c>cert.pem</c> and <c>key.pem</c> (the client certificate
    /// is sent when both of the latter exist). Null: <c>DOCKER_CERT_PATH</c>, else <c>~/.docker</c>.
    /// </summary>
    public string? CertificatePath { get; init; }

    /// <summary>How long one engine request made while connecting may take (inspect, exec create, exec start).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

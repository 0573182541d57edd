namespace Psrp.WSMan.Endpoint;

/// <summary>
/// Redirects, for testing a client's -AllowRedirection: the first <see cref="FirstRequests"/>
/// authenticated requests to the service path are answered with <see cref="StatusCode"/> and a
/// Location on <see cref="TargetPath"/> (served too), on HTTPS when <see cref="ToHttps"/>. A request
/// to <see cref="LoopPath"/> is always redirected to itself, to test that a client bounds its hops.
/// </summary>
/// <param name="FirstRequests">How many requests to redirect (int.MaxValue: all).</param>
/// <param name="TargetPath">Where to; the endpoint serves WS-Management there as well.</param>
/// <param name="ToHttps">Redirect to the HTTPS listener (another port).</param>
/// <param name="StatusCode">The 3xx status (307 keeps the POST).</param>
/// <param name="LoopPath">A path that redirects to itself forever.</param>
public sealed record WSManRedirectOptions(
    int FirstRequests = 1,
    string TargetPath = "/wsman-redirected",
    bool ToHttps = false,
    int StatusCode = 307,
    string LoopPath = "/wsman-loop");

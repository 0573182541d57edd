namespace Psrp.Providers.WSMan.Soap;

/// <summary>One <c>wsman:Option</c> of a request's <c>wsman:OptionSet</c>.</summary>
/// <param name="Name">The option name, e.g. <c>protocolversion</c>.</param>
/// <param name="Value">Its value.</param>
/// <param name="MustComply">Whether the server must refuse the request when it cannot honour the option.</param>
internal readonly record struct WSManOption(string Name, string Value, bool MustComply = false);

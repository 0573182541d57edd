namespace Psrp.Messages;

/// <summary>A parameter of a pipeline command: named (<c>-Name value</c>) or positional (null name).</summary>
/// <param name="Name">The parameter name without the dash, or null for a positional argument.</param>
/// <param name="Value">The value; any serializable value.</param>
public sealed record CommandParameter(string? Name, object? Value);

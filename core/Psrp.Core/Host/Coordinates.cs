namespace Psrp.Host;

/// <summary>A position in a console buffer (PowerShell's Host.Coordinates); on the wire <c>x</c>, <c>y</c>.</summary>
/// <param name="X">Column.</param>
/// <param name="Y">Row.</param>
public readonly record struct Coordinates(int X, int Y);

namespace Psrp.Host;

/// <summary>A console size (PowerShell's Host.Size); on the wire <c>width</c>, <c>height</c>.</summary>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
public readonly record struct Size(int Width, int Height);

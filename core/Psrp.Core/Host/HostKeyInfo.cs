namespace Psrp.Host;

/// <summary>A key press (PowerShell's KeyInfo); on the wire <c>virtualKeyCode</c>, <c>character</c>, <c>controlKeyState</c>, <c>keyDown</c>.</summary>
/// <param name="VirtualKeyCode">Virtual key code.</param>
/// <param name="Character">The character.</param>
/// <param name="ControlKeyState">ControlKeyStates flags.</param>
/// <param name="KeyDown">True for a key-down event.</param>
public readonly record struct HostKeyInfo(int VirtualKeyCode, char Character, int ControlKeyState, bool KeyDown);

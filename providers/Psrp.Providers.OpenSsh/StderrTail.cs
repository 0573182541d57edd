using System.Text;

namespace Psrp.Providers.OpenSsh;

/// <summary>
/// Keeps the last few kilobytes of the ssh client's stderr, so ssh's own explanation of a failure (authentication, host key, unreachable host)
/// can go into the transport error without unbounded memory.
/// </summary>
internal sealed class StderrTail
{
    private const int Capacity = 4096;
    private readonly StringBuilder _text = new();
    private readonly object _gate = new();

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _text.AppendLine(line);
            if (_text.Length > Capacity)
            {
                _text.Remove(0, _text.Length - Capacity);
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }
}

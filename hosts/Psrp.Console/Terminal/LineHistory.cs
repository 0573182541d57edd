namespace Psrp.Cli.Terminal;

/// <summary>Accepted command lines, oldest first, for Up/Down recall; bounded, without repeats of the previous entry.</summary>
internal sealed class LineHistory
{
    private readonly List<string> _lines = [];
    private readonly int _capacity;

    public LineHistory(int capacity = 1000)
    {
        _capacity = capacity;
    }

    public int Count => _lines.Count;

    public string this[int index] => _lines[index];

    public void Add(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || (_lines.Count > 0 && _lines[^1] == line))
        {
            return;
        }

        _lines.Add(line);
        if (_lines.Count > _capacity)
        {
            _lines.RemoveAt(0);
        }
    }
}

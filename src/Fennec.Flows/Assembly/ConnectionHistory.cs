using System.Runtime.CompilerServices;

namespace Fennec.Flows.Assembly;

/// <summary>
/// A TCP connection's history in the letters of Zeek's <c>history</c> field, in the order first seen: upper case for
/// the originator, lower case for the responder. S syn, H syn-ack, A pure ack, D data, F fin, R rst, W zero window,
/// and ^ when the direction was flipped. Each letter is recorded once per side. Fixed size, no allocation.
/// </summary>
public struct ConnectionHistory
{
    private const int Capacity = 16;
    private Letters _letters;
    private byte _length;

    [InlineArray(Capacity)]
    private struct Letters
    {
        private byte _first;
    }

    /// <summary>Letters recorded.</summary>
    public readonly int Length => _length;

    /// <summary>Records <paramref name="letter"/> (an upper-case letter or ^) for the originator or the responder.</summary>
    public void Add(char letter, bool originator)
    {
        var c = (byte)(letter == '^' || originator ? letter : char.ToLowerInvariant(letter));
        if (_length < Capacity && IndexOf(c) < 0)
            _letters[_length++] = c;
    }

    private readonly int IndexOf(byte c)
    {
        for (var i = 0; i < _length; i++)
        {
            if (_letters[i] == c)
                return i;
        }

        return -1;
    }

    /// <summary>Writes the letters into <paramref name="destination"/>; returns how many.</summary>
    public readonly int CopyTo(Span<char> destination)
    {
        var n = Math.Min(_length, destination.Length);
        for (var i = 0; i < n; i++)
            destination[i] = (char)_letters[i];
        return n;
    }

    /// <inheritdoc />
    public override readonly string ToString()
    {
        Span<char> text = stackalloc char[Capacity];
        return new string(text[..CopyTo(text)]);
    }
}

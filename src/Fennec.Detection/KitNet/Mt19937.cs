namespace Fennec.Detection.KitNet;

/// <summary>
/// The 32-bit Mersenne Twister (Matsumoto and Nishimura, MT19937) seeded with <c>init_genrand</c>, and NumPy's legacy
/// <c>random_sample()</c> on top of it: the generator behind <c>numpy.random.RandomState(seed)</c>, which KitNET uses to
/// draw every autoencoder's initial weights.
/// </summary>
public sealed class Mt19937
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908B0DFu;
    private const uint UpperMask = 0x80000000u;
    private const uint LowerMask = 0x7FFFFFFFu;

    private readonly uint[] _state = new uint[N];
    private int _index;

    /// <summary>Seeds the generator the way <c>init_genrand(seed)</c> does (and <c>RandomState(seed)</c> for an integer seed).</summary>
    public Mt19937(uint seed)
    {
        _state[0] = seed;
        for (var i = 1; i < N; i++)
        {
            var previous = _state[i - 1];
            _state[i] = unchecked((1812433253u * (previous ^ (previous >> 30))) + (uint)i);
        }

        _index = N;
    }

    /// <summary>The next 32-bit output (<c>genrand_int32</c>).</summary>
    public uint NextUInt32()
    {
        if (_index >= N)
            Twist();

        var y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680u;
        y ^= (y << 15) & 0xEFC60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>
    /// A double in [0, 1) with 53 random bits, from two outputs: NumPy's legacy <c>random_sample()</c>
    /// (<c>genrand_res53</c>).
    /// </summary>
    public double NextDouble()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return ((a * 67108864.0) + b) / 9007199254740992.0;
    }

    private void Twist()
    {
        var state = _state;
        for (var k = 0; k < N; k++)
        {
            var y = (state[k] & UpperMask) | (state[(k + 1) % N] & LowerMask);
            var next = state[(k + M) % N] ^ (y >> 1);
            state[k] = (y & 1) == 0 ? next : next ^ MatrixA;
        }

        _index = 0;
    }
}

using System.Numerics;
using Fennec.Packets.Decoding;

namespace Fennec.Features.Traffic;

/// <summary>
/// Counts distinct addresses in bounded memory: exactly up to <see cref="ExactLimit"/> values, then with a
/// HyperLogLog sketch of 1,024 registers (about 3% standard error), so a spoofed flood of a million sources costs a
/// kilobyte, not a million set entries.
/// </summary>
public sealed class DistinctCounter
{
    /// <summary>Distinct values counted exactly before the sketch takes over.</summary>
    public const int ExactLimit = 256;

    private const int RegisterBits = 10;
    private const int Registers = 1 << RegisterBits;
    private HashSet<ulong>? _exact = [];
    private byte[]? _registers;

    /// <summary>Counts <paramref name="address"/>.</summary>
    public void Add(IpAddress address) => AddHash(Hash(address));

    /// <summary>Counts a value given by its 64-bit hash (for keys that are not addresses, such as ports).</summary>
    public void AddHash(ulong hash)
    {
        if (_exact is not null)
        {
            _exact.Add(hash);
            if (_exact.Count <= ExactLimit)
                return;
            _registers = new byte[Registers];
            foreach (var h in _exact)
                Observe(h);
            _exact = null;
            return;
        }
        Observe(hash);
    }

    /// <summary>Adds everything <paramref name="other"/> has counted.</summary>
    public void Merge(DistinctCounter other)
    {
        if (other._exact is not null)
        {
            foreach (var h in other._exact)
                AddHash(h);
            return;
        }
        if (_exact is not null)
        {
            _registers = new byte[Registers];
            foreach (var h in _exact)
                Observe(h);
            _exact = null;
        }
        for (var i = 0; i < Registers; i++)
            _registers![i] = Math.Max(_registers[i], other._registers![i]);
    }

    /// <summary>The number of distinct values (exact while small, estimated after).</summary>
    public long Count
    {
        get
        {
            if (_exact is not null)
                return _exact.Count;
            double sum = 0;
            var zeros = 0;
            foreach (var r in _registers!)
            {
                sum += Math.ScaleB(1, -r);
                if (r == 0)
                    zeros++;
            }
            const double alpha = 0.7213 / (1 + 1.079 / Registers);
            var estimate = alpha * Registers * Registers / sum;
            // Linear counting is the better estimator while many registers are still empty.
            if (estimate <= 2.5 * Registers && zeros > 0)
                estimate = Registers * Math.Log((double)Registers / zeros);
            return (long)Math.Round(estimate);
        }
    }

    /// <summary>A well-mixed 64-bit hash of an address.</summary>
    public static ulong Hash(IpAddress address) => Mix(address.High * 0x9E3779B97F4A7C15UL ^ Mix(address.Low));

    /// <summary>The SplitMix64 finaliser: spreads any 64-bit value over all bits.</summary>
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private void Observe(ulong hash)
    {
        var index = (int)(hash >> (64 - RegisterBits));
        var rest = (hash << RegisterBits) | (1UL << (RegisterBits - 1));
        var rank = (byte)(BitOperations.LeadingZeroCount(rest) + 1);
        if (rank > _registers![index])
            _registers[index] = rank;
    }
}

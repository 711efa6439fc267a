using System.Diagnostics;

namespace Fennec.Flows.Export;

/// <summary>
/// Paces events to a rate on the wall clock (<see cref="Stopwatch"/>): tokens accrue at the rate up to a small burst,
/// and <see cref="Take"/> waits while none is left. Waits of a millisecond or more sleep; shorter ones yield.
/// </summary>
internal sealed class TokenBucket
{
    private readonly double _ticksPerToken;
    private readonly double _capacity;
    private double _tokens;
    private long _last;

    /// <summary>A bucket that starts full.</summary>
    public TokenBucket(double perSecond, double capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ticksPerToken = Stopwatch.Frequency / perSecond;
        _capacity = capacity;
        _tokens = capacity;
        _last = Stopwatch.GetTimestamp();
    }

    /// <summary>Times <see cref="Take"/> had to wait.</summary>
    public long Waits { get; private set; }

    /// <summary>Takes one token, waiting until one has accrued.</summary>
    public void Take()
    {
        var waited = false;
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + ((now - _last) / _ticksPerToken));
            _last = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                if (waited)
                    Waits++;
                return;
            }

            waited = true;
            var waitMs = (1 - _tokens) * _ticksPerToken * 1000 / Stopwatch.Frequency;
            // At high rates a 1 ms sleep gathers several tokens, which the burst holds; spinning would burn a core.
            if (waitMs >= 1 || _capacity >= 2)
                Thread.Sleep(Math.Max(1, (int)waitMs));
            else
                Thread.Yield();
        }
    }
}

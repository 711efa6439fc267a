using Fennec.Packets.Memory;

namespace Fennec.Cli.Output;

/// <summary>
/// One output written by several threads as consecutive parts, each part's bytes going out after every earlier
/// part's. The part at the head writes straight through; the others gather their bytes in blocks until the head
/// passes to them. The head passes on when its part is done, to the part it names (parts it skips are discarded), so
/// only the bytes of parts that run ahead wait in memory.
/// </summary>
/// <remarks>
/// A part's thread never waits for another's: a part that becomes the head while its thread is still writing sends
/// what it held on its own next write (or when it finishes), and only a part already finished has its held bytes
/// sent by the thread that passed the head to it. Held bytes live in <see cref="HugePageBlocks"/>, reused once sent:
/// on the race capture with two threads, about half the rows wait, at most about one part's (3 MB), and their first
/// touch in 4 KiB pages cost more than formatting them.
/// </remarks>
internal sealed class PartOrderedOutput : IDisposable
{
    private const int BlockBytes = 64 << 10;
    private readonly Stream _output;
    private readonly Part[] _parts;
    private readonly object _gate = new();
    private readonly HugePageBlocks _blocks = new(BlockBytes);
    private int _head;

    public PartOrderedOutput(Stream output, int parts)
    {
        _output = output;
        _parts = Enumerable.Range(0, parts).Select(_ => new Part(this)).ToArray();
        _parts[0].IsHead = true;
    }

    /// <summary>The stream part <paramref name="index"/> writes to.</summary>
    public Stream this[int index] => _parts[index];

    /// <summary>
    /// Part <paramref name="index"/> has written its last byte; <paramref name="next"/> is the part whose bytes follow
    /// its own (null: nothing follows). Parts between the two are discarded. Called on the thread that wrote the part.
    /// </summary>
    public void Finish(int index, int? next)
    {
        var part = _parts[index];
        lock (_gate)
        {
            part.Done = true;
            part.Next = next;
            if (index != _head)
                return; // the head will come to it
        }

        // The head is this thread's own part: what it still holds goes out before anything that follows.
        part.SendHeld();
        lock (_gate)
        {
            // Pass the head on; parts already finished are sent here, as their threads have moved on.
            var following = part.Next;
            while (following is int n)
            {
                _head = n;
                var head = _parts[n];
                head.IsHead = true;
                if (!head.Done)
                    return; // its own thread sends what it holds
                head.SendHeld();
                following = head.Next;
            }

            _head = _parts.Length;
        }
    }

    /// <summary>Frees the held blocks' memory, once no part writes any more.</summary>
    public void Dispose() => _blocks.Dispose();

    /// <summary>A part's stream: straight to the output once it is the head, into held blocks before.</summary>
    private sealed class Part(PartOrderedOutput owner) : Stream
    {
        private readonly List<(nint Block, int Used)> _held = [];
        private volatile bool _isHead;

        /// <summary>Set once, by the thread that passes the head to this part; its writes then go straight out.</summary>
        public bool IsHead
        {
            get => _isHead;
            set => _isHead = value;
        }

        /// <summary>Its thread has written its last byte (read and written under the owner's lock).</summary>
        public bool Done { get; set; }

        /// <summary>The part that follows it (under the owner's lock, once <see cref="Done"/>).</summary>
        public int? Next { get; set; }

        /// <summary>Writes what was held to the output, by the one thread that may touch this part now.</summary>
        public void SendHeld()
        {
            foreach (var (block, used) in _held)
            {
                owner._output.Write(owner._blocks.Span(block)[..used]);
                owner._blocks.Return(block);
            }

            _held.Clear();
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_isHead)
            {
                if (_held.Count > 0)
                    SendHeld();
                owner._output.Write(buffer);
                return;
            }

            while (!buffer.IsEmpty)
            {
                if (_held.Count == 0 || _held[^1].Used == BlockBytes)
                    _held.Add((owner._blocks.Take(), 0));
                var (block, used) = _held[^1];
                var n = Math.Min(buffer.Length, BlockBytes - used);
                buffer[..n].CopyTo(owner._blocks.Span(block)[used..]);
                _held[^1] = (block, used + n);
                buffer = buffer[n..];
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

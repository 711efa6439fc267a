namespace Fennec.Cli.Output;

/// <summary>
/// One output written by several threads as consecutive parts, each part's bytes going out after every earlier
/// part's: the part at the head writes straight through, the others gather their bytes in pooled blocks until the
/// head passes to them. The head passes on when its part is done, to the part it names (parts it skips are
/// discarded), so only the bytes of parts that run ahead wait in memory.
/// </summary>
internal sealed class PartOrderedOutput
{
    private readonly Stream _output;
    private readonly Part[] _parts;
    private readonly int?[] _next;
    private readonly bool[] _done;
    private readonly object _gate = new();
    private readonly Stack<byte[]> _free = new();
    private int _head;

    public PartOrderedOutput(Stream output, int parts)
    {
        _output = output;
        _parts = Enumerable.Range(0, parts).Select(_ => new Part(this)).ToArray();
        _next = new int?[parts];
        _done = new bool[parts];
        _parts[0].Direct = true;
    }

    /// <summary>The stream part <paramref name="index"/> writes to.</summary>
    public Stream this[int index] => _parts[index];

    /// <summary>
    /// Part <paramref name="index"/> has written its last byte; <paramref name="next"/> is the part whose bytes follow
    /// its own (null: nothing follows). Parts between the two are discarded.
    /// </summary>
    public void Finish(int index, int? next)
    {
        lock (_gate)
        {
            _done[index] = true;
            _next[index] = next;
            while (_head < _parts.Length && _done[_head])
            {
                var following = _next[_head];
                _head = following ?? _parts.Length;
                if (following is int n)
                    _parts[n].Release();
            }
        }
    }

    /// <summary>A part's stream: straight to the output once it is the head, into held blocks before.</summary>
    private sealed class Part(PartOrderedOutput owner) : Stream
    {
        private const int BlockBytes = 64 << 10;
        private readonly List<(byte[] Block, int Used)> _held = [];

        public bool Direct { get; set; }

        /// <summary>Writes what was held, then lets later writes through (called under the owner's lock).</summary>
        public void Release()
        {
            foreach (var (block, used) in _held)
            {
                owner._output.Write(block, 0, used);
                owner._free.Push(block);
            }

            _held.Clear();
            Direct = true;
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            lock (owner._gate)
            {
                if (Direct)
                {
                    owner._output.Write(buffer);
                    return;
                }

                while (!buffer.IsEmpty)
                {
                    if (_held.Count == 0 || _held[^1].Used == _held[^1].Block.Length)
                        _held.Add((owner._free.TryPop(out var free) ? free : GC.AllocateUninitializedArray<byte>(BlockBytes), 0));
                    var (block, used) = _held[^1];
                    var n = Math.Min(buffer.Length, block.Length - used);
                    buffer[..n].CopyTo(block.AsSpan(used));
                    _held[^1] = (block, used + n);
                    buffer = buffer[n..];
                }
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

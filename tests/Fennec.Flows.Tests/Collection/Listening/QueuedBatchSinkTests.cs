using Fennec.Flows.Collection;
using Fennec.Flows.Collection.Listening;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Tests.Collection.Listening;

public sealed class QueuedBatchSinkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void Each_producers_records_arrive_in_order_on_one_thread_and_all_of_them_by_dispose()
    {
        var target = new Recording();
        var idleCalls = 0;
        // Batches of 7 records, datagrams of 1 to 20: datagrams straddle batches, and the queue (56) fills up.
        using (var queue = new QueuedBatchSink(target, () =>
               {
                   idleCalls++;
                   target.Idle();
               }, new QueuedBatchSinkOptions { BatchRecords = 7, MaxQueuedRecords = 56 }))
        {
            queue.Start();
            var producers = Enumerable.Range(1, 3).Select(p => Producer(queue, exporter: p, records: 5000)).ToArray();
            producers.Should().OnlyContain(p => p.Join(Patience));
        }

        target.Records.Should().HaveCount(3 * 5000);
        foreach (var group in target.Records.GroupBy(r => r.Exporter))
            group.Select(r => r.FirstNs).Should().Equal(Enumerable.Range(0, 5000).Select(i => (long)i), "records of one loop keep their order");
        target.Threads.Should().ContainSingle("the target is called from the consumer thread only");
        idleCalls.Should().BePositive();
        target.AfterLastIdle.Should().Be(0, "the idle callback (a commit) runs after the last batch");
    }

    [Fact]
    public void Flush_returns_once_everything_queued_before_it_was_delivered_and_committed()
    {
        var target = new Recording { Delay = TimeSpan.FromMilliseconds(5) };
        using var queue = new QueuedBatchSink(target, target.Idle, new QueuedBatchSinkOptions { BatchRecords = 16 });
        queue.Start();
        Produce(queue, exporter: 1, records: 500);

        queue.Flush();

        target.Records.Should().HaveCount(500);
        target.AfterLastIdle.Should().Be(0);
    }

    [Fact]
    public void A_full_queue_holds_the_producer_back_instead_of_dropping_and_counts_the_wait()
    {
        using var release = new ManualResetEventSlim();
        var target = new Recording { Gate = release };
        using var queue = new QueuedBatchSink(target, null, new QueuedBatchSinkOptions { BatchRecords = 4, MaxQueuedRecords = 8 });
        queue.Start();
        var producer = Producer(queue, exporter: 1, records: 200);

        producer.Join(TimeSpan.FromMilliseconds(500)).Should().BeFalse("the target takes nothing while the gate is shut");
        queue.Blocks.Should().BePositive();
        target.Records.Count.Should().BeLessThanOrEqualTo(4, "one batch at most reached the target");
        release.Set();
        producer.Join(Patience).Should().BeTrue();
        queue.Dispose();

        target.Records.Select(r => r.FirstNs).Should().Equal(Enumerable.Range(0, 200).Select(i => (long)i));
        queue.BlockedTime.Should().BeGreaterThan(TimeSpan.FromMilliseconds(300));
        queue.PeakQueuedRecords.Should().Be(8);
    }

    [Fact]
    public void A_failing_target_is_reported_and_never_blocks_the_producers()
    {
        var target = new Recording { FailOnBatch = 3 };
        var commitsAfterFailure = 0;
        using var queue = new QueuedBatchSink(target, () => commitsAfterFailure += target.Batches >= 3 ? 1 : 0,
            new QueuedBatchSinkOptions { BatchRecords = 4, MaxQueuedRecords = 8 });
        queue.Start();

        Producer(queue, exporter: 1, records: 2000).Join(Patience).Should().BeTrue("batches after the failure are discarded, not held");
        queue.Dispose();

        queue.Failure.Should().BeOfType<IOException>().Which.Message.Should().Be("batch 3 failed");
        target.Batches.Should().Be(3, "nothing reaches the target after its failure");
        target.Records.Select(r => r.FirstNs).Should().Equal(Enumerable.Range(0, target.Records.Count).Select(i => (long)i),
            "the two batches before the failure were delivered whole");
        commitsAfterFailure.Should().Be(0, "no commit follows a failure");
    }

    [Fact]
    public void Records_after_complete_are_refused()
    {
        using var queue = new QueuedBatchSink(new Recording());
        queue.Start();
        queue.Complete();

        var late = () => queue.OnRecords(new TelemetryRecord[1]);

        late.Should().Throw<InvalidOperationException>();
    }

    /// <summary>A thread running <see cref="Produce"/>, as a receive loop is.</summary>
    private static Thread Producer(QueuedBatchSink queue, int exporter, int records)
    {
        var thread = new Thread(() => Produce(queue, exporter, records)) { IsBackground = true };
        thread.Start();
        return thread;
    }

    /// <summary>Sends records numbered 0.. in datagrams of 1 to 20 records, as a receive loop would.</summary>
    private static void Produce(QueuedBatchSink queue, int exporter, int records)
    {
        var datagram = new TelemetryRecord[20];
        var random = new Random(exporter);
        for (var sent = 0; sent < records;)
        {
            var count = Math.Min(records - sent, random.Next(1, 21));
            for (var i = 0; i < count; i++)
                datagram[i] = new TelemetryRecord { Exporter = IpAddress.FromIPv4((uint)exporter), FirstNs = sent + i };
            queue.OnRecords(datagram.AsSpan(0, count));
            sent += count;
        }
    }

    /// <summary>Keeps what it is handed, the threads that called it, and how many records came after the last idle call.</summary>
    private sealed class Recording : ITelemetryBatchSink
    {
        public List<TelemetryRecord> Records { get; } = [];

        public int Batches { get; private set; }

        public HashSet<int> Threads { get; } = [];

        public int AfterLastIdle { get; private set; }

        public TimeSpan Delay { get; init; }

        public ManualResetEventSlim? Gate { get; init; }

        public int FailOnBatch { get; init; }

        public void OnRecords(ReadOnlySpan<TelemetryRecord> records)
        {
            if (++Batches == FailOnBatch)
                throw new IOException($"batch {Batches} failed");
            Gate?.Wait();
            if (Delay > TimeSpan.Zero)
                Thread.Sleep(Delay);
            lock (Records)
            {
                Threads.Add(Environment.CurrentManagedThreadId);
                Records.AddRange(records);
                AfterLastIdle += records.Length;
            }
        }

        public void Idle()
        {
            lock (Records)
                AfterLastIdle = 0;
        }
    }
}

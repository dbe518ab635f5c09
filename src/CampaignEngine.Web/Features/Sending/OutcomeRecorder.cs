using System.Diagnostics;
using System.Threading.Channels;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// One settled message as the ledger will record it, with the fallback channel when it failed for good; <paramref name="IsAnswer"/>
/// for a desk answer, whose end the desk hears of (<see cref="IDeskAnswers.Settled"/>).
/// </summary>
internal readonly record struct SettledMessage(Dispatcher.ClaimedMessage Message, SendOutcome Outcome, string? Fallback, bool IsAnswer = false);

/// <summary>
/// Writes outcomes to the ledger as messages settle, on one recording thread, in small groups: a group is written
/// when it holds <see cref="GroupSize"/> outcomes or its oldest has waited <see cref="MaxWait"/>, whichever comes
/// first. A crash then re-sends only what was on the wire or settled in the last instant, never a whole batch.
/// What settles together (the file outbox's whole batch, one file) is written together.
/// </summary>
internal sealed class OutcomeRecorder : IAsyncDisposable
{
    public const int GroupSize = 50;
    public static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(150);

    /// <summary>Settled messages, or a request to write everything before it now and say when it is done.</summary>
    private readonly record struct Item(SettledMessage[]? Settled, TaskCompletionSource? Flushed);

    private readonly Channel<Item> _items = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<List<SettledMessage>, Task> _write;
    private readonly TimeProvider _time;
    private readonly Task _loop;

    /// <param name="write">Writes one group in one transaction.</param>
    public OutcomeRecorder(Func<List<SettledMessage>, Task> write, TimeProvider time)
    {
        _write = write;
        _time = time;
        _loop = Task.Run(RecordLoopAsync);
    }

    public void Add(SettledMessage settled) => Post(new Item([settled], null));

    public void AddRange(SettledMessage[] settled)
    {
        if (settled.Length > 0) Post(new Item(settled, null));
    }

    /// <summary>Completes once everything added so far is written; what waits in a group is written at once.</summary>
    public Task FlushAsync()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new Item(null, flushed));
        return flushed.Task;
    }

    /// <summary>Stops the sender when recording failed: sending on while nothing is recorded would make a crash re-send it all.</summary>
    public void ThrowIfFailed()
    {
        if (_loop.IsFaulted) _loop.GetAwaiter().GetResult();
    }

    private void Post(Item item)
    {
        ThrowIfFailed();
        if (!_items.Writer.TryWrite(item)) throw new InvalidOperationException("The outcome recorder is closed.");
    }

    private async Task RecordLoopAsync()
    {
        var reader = _items.Reader;
        var group = new List<SettledMessage>(GroupSize);
        var flushes = new List<TaskCompletionSource>();
        try
        {
            while (await reader.WaitToReadAsync())
            {
                var started = _time.GetTimestamp();
                // Gather until the group is full, a flush is asked for, or the oldest outcome has waited long enough.
                while (Take(reader, group, flushes) && group.Count < GroupSize && flushes.Count == 0)
                {
                    var left = MaxWait - _time.GetElapsedTime(started);
                    if (left <= TimeSpan.Zero || !await MoreWithinAsync(reader, left)) break;
                }
                if (group.Count > 0) await _write(group);
                group.Clear();
                foreach (var flushed in flushes) flushed.TrySetResult();
                flushes.Clear();
            }
        }
        catch (Exception ex)
        {
            foreach (var flushed in flushes) flushed.TrySetException(ex);
            // Later flushes must not wait for ever on a loop that has stopped.
            while (reader.TryRead(out var item)) item.Flushed?.TrySetException(ex);
            throw;
        }
    }

    /// <summary>Moves what is readable now into the group; false when nothing was there.</summary>
    private static bool Take(ChannelReader<Item> reader, List<SettledMessage> group, List<TaskCompletionSource> flushes)
    {
        var any = false;
        while (reader.TryRead(out var item))
        {
            any = true;
            if (item.Settled is { } settled) group.AddRange(settled);
            if (item.Flushed is { } flushed) flushes.Add(flushed);
        }
        return any;
    }

    private async Task<bool> MoreWithinAsync(ChannelReader<Item> reader, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait, _time);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Writes what is left and stops; a write that failed is thrown here.</summary>
    public async ValueTask DisposeAsync()
    {
        _items.Writer.TryComplete();
        await _loop;
    }
}

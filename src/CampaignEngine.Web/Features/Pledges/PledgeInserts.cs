using System.Globalization;
using System.Threading.Channels;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost;
using System.Data.Common;

namespace CampaignEngine.Web.Features.Pledges;

/// <summary>A pledge written inside a caller's transaction, with the module events to deliver once that commits.</summary>
internal sealed record InsertedPledge(long Id, IReadOnlyList<long> Deliveries, NewPledge Row);

/// <summary>One new pledge as written, with the person's snapshot already taken.</summary>
/// <param name="PerLinkPerDay">For a pledge through a link (<see cref="MessageId"/>): how many that link may make per UTC day.</param>
internal sealed record NewPledge(
    long CompatriotId, long? CampaignId, long? MessageId, string Kind, string? ContributionType, decimal? Amount, string? Currency,
    decimal? AmountUsd, decimal? AmountKgs, decimal? Hours, decimal? Items, string? Description, string? Sector, string? TargetRegion,
    long? ProjectId, string? Recurring, string RecordedBy, long? UserId, string Gender, string? AgeBand, string? HomeRegion,
    string Country, bool PublicNameConsent, DateTimeOffset At, string Status = PledgeStatus.Pledged, int? PerLinkPerDay = null);

/// <summary>
/// Writes pledges with group commit: callers queue their row and wait; one writer takes whatever has queued up
/// (up to <see cref="MaxGroup"/>), inserts it in one transaction (per engine, <see cref="IGroupInsert"/>), and answers each
/// caller with its id only after the commit. Under a burst of pledges from a national appeal this turns dozens
/// of transactions (and dozens of threads waiting on SQLite's single writer) into one; a lone pledge is written
/// at once. Nothing is acknowledged that is not on disk, and one row that fails does not fail the others.
/// A pledge through a link first counts itself against the link's daily bound, in the same transaction and one
/// statement, so parallel requests through one link can never pass the bound together; past it, no row is written
/// and the caller hears null. Every pledge written is raised as <see cref="PledgeRecorded"/> in its own transaction
/// (when a module handles that event), so modules hear of each pledge once it is on disk, however it came.
/// </summary>
internal sealed class PledgeInserts(Db db, ModuleEvents events, PledgeMetrics metrics) : IAsyncDisposable
{
    public const int MaxGroup = 128;

    internal const string Insert = """
        INSERT INTO pledge (compatriot_id, campaign_id, message_id, kind, contribution_type, amount, currency, amount_usd, amount_kgs,
                            hours, items, description, sector, target_region, project_id, recurring, status, recorded_by, recorded_by_user,
                            gender, age_band, home_region, country, public_name_consent, created_at, updated_at)
        VALUES (@compatriotId, @campaignId, @messageId, @kind, @contributionType, @amount, @currency, @amountUsd, @amountKgs,
                @hours, @items, @description, @sector, @targetRegion, @projectId, @recurring, @status, @recordedBy, @userId,
                @gender, @ageBand, @homeRegion, @country, @consent, @at, @at)
        RETURNING id
        """;

    private sealed record Waiting(NewPledge Row, TaskCompletionSource<long?> Written);

    private readonly Channel<Waiting> _queue = Channel.CreateUnbounded<Waiting>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _starting = new();
    private Task? _writer;

    /// <summary>The new pledge's id once committed; null when the pledge's link has reached its daily bound (nothing written).</summary>
    public Task<long?> InsertAsync(NewPledge row)
    {
        var waiting = new Waiting(row, new TaskCompletionSource<long?>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(waiting)) throw new InvalidOperationException("The host is stopping; the pledge was not recorded.");
        if (_writer is null)
            lock (_starting) _writer ??= Task.Run(WriteLoopAsync);
        return waiting.Written.Task;
    }

    /// <summary>
    /// One pledge written inside the caller's own transaction (an offer confirmed together with its pledge, so that
    /// neither exists without the other). Not for links: it counts against no daily bound.
    /// </summary>
    /// <remarks>Pass what comes back to <see cref="Announce"/> once the caller's transaction has committed.</remarks>
    public InsertedPledge InsertIn(DbConnection connection, DbTransaction transaction, NewPledge row)
    {
        if (row.PerLinkPerDay is not null) throw new ArgumentException("A pledge through a link goes through InsertAsync.", nameof(row));
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Insert;
        foreach (var (name, value) in Values(row))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        var id = Convert.ToInt64(command.ExecuteScalar()!, CultureInfo.InvariantCulture);
        return new InsertedPledge(id, RaiseRecorded(connection, transaction, id, row), row);
    }

    /// <summary>Tells modules of a pledge written by <see cref="InsertIn"/>, after its transaction committed.</summary>
    public void Announce(InsertedPledge pledge)
    {
        metrics.Recorded(pledge.Row);
        events.Deliver(pledge.Deliveries);
    }

    /// <summary>Whether a module is told of each pledge, so its delivery must be written in the pledge's transaction.</summary>
    internal bool TellsModules => events.IsHandled<PledgeRecorded>();

    internal IReadOnlyList<long> RaiseRecorded(DbConnection connection, DbTransaction transaction, long id, NewPledge row) =>
        TellsModules
            ? events.Record(connection, transaction, new PledgeRecorded(id, row.CompatriotId, row.HomeRegion, row.CampaignId, row.Kind, row.AmountUsd, row.Hours))
            : [];

    private async Task WriteLoopAsync()
    {
        var group = new List<Waiting>(MaxGroup);
        // The writer keeps its own connection and its prepared insert for as long as pledges keep coming: opening
        // and preparing again for every group cost more than a small group's inserts.
        IGroupInsert? insert = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (group.Count < MaxGroup && _queue.Reader.TryRead(out var waiting)) group.Add(waiting);
                // The in-process writer gate keeps other writers of this host out of SQLite's busy handler (no gate on PostgreSQL).
                using (await db.WriterAsync()) Write(ref insert, group);
                group.Clear();
            }
        }
        finally
        {
            insert?.Dispose();
        }
    }

    private void Write(ref IGroupInsert? insert, List<Waiting> group)
    {
        try
        {
            insert ??= db.IsPostgreSql ? new PostgreSqlGroupInsert(db, this) : new SqliteGroupInsert(db, this);
            var (ids, deliveries) = insert.WriteAll(group.Select(w => w.Row).ToList());
            for (var i = 0; i < group.Count; i++)
            {
                if (ids[i] is not null) metrics.Recorded(group[i].Row);
                group[i].Written.TrySetResult(ids[i]);
            }
            events.Deliver(deliveries);
        }
        catch (DbException) when (group.Count > 1)
        {
            // One bad row rolled the group back: write each alone, so only that row's caller hears of it.
            foreach (var waiting in group) Write(ref insert, [waiting]);
        }
        catch (Exception ex)
        {
            // The connection may be the problem: the next group starts with a fresh one.
            insert?.Dispose();
            insert = null;
            foreach (var waiting in group) waiting.Written.TrySetException(ex);
        }
    }

    internal static readonly string[] Names = Values(new NewPledge(0, null, null, "", null, null, null, null, null, null, null, null, null, null,
        null, null, "", null, "", null, null, "", false, default)).Select(v => v.Name).ToArray();

    internal static IEnumerable<(string Name, object? Value)> Values(NewPledge row) =>
    [
        ("@compatriotId", row.CompatriotId), ("@campaignId", row.CampaignId), ("@messageId", row.MessageId), ("@kind", row.Kind),
        ("@contributionType", row.ContributionType), ("@amount", row.Amount), ("@currency", row.Currency), ("@amountUsd", row.AmountUsd),
        ("@amountKgs", row.AmountKgs), ("@hours", row.Hours), ("@items", row.Items), ("@description", row.Description),
        ("@sector", row.Sector), ("@targetRegion", row.TargetRegion), ("@projectId", row.ProjectId), ("@recurring", row.Recurring),
        ("@recordedBy", row.RecordedBy), ("@userId", row.UserId), ("@gender", row.Gender), ("@ageBand", row.AgeBand),
        ("@homeRegion", row.HomeRegion), ("@country", row.Country), ("@consent", row.PublicNameConsent ? 1L : 0L), ("@at", row.At.ToDb()),
        ("@status", row.Status),
    ];

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null) await _writer;
    }
}

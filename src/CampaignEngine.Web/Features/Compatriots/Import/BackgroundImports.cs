using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Hangfire;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// An import as its page and the API show it: its state (queued, running, done, failed), the phase a running one is in
/// (reading, writing; "running" where its host is another), how far it is, and at the end its per-row report or the
/// fault of a file that could not be read.
/// </summary>
internal sealed record ImportStatus(long Id, string State, string Phase, long FileBytes, LiveImport? Live, ImportReport? Report, ImportError? Fault)
{
    public bool Finished => State is BackgroundImports.Done or BackgroundImports.Failed;
}

/// <summary>How far a running import is, on the host that runs it: rows read and refused, then rows written of those to write.</summary>
internal sealed record LiveImport(string Phase, int Read, int Refused, int ToWrite, int Written);

/// <summary>The live progress of the imports this host runs, replaced whole every thousand rows (readers see one consistent copy).</summary>
internal sealed class ImportProgress
{
    private readonly ConcurrentDictionary<long, LiveImport> _live = new();

    /// <summary>False when this host already runs the import (its job queued twice): the second run leaves it alone.</summary>
    public bool TryBegin(long id) => _live.TryAdd(id, new LiveImport("reading", 0, 0, 0, 0));

    public void Set(long id, LiveImport progress) => _live[id] = progress;

    public LiveImport? Of(long id) => _live.GetValueOrDefault(id);

    public void End(long id) => _live.TryRemove(id, out _);
}

/// <summary>
/// Large imports in the background: the upload is kept with its import's id (migration 0054), a Hangfire job keyed by
/// that id reads, validates and writes it through the same <see cref="CompatriotCsv"/> and <see cref="CompatriotWriter"/>
/// as an import on the spot, and records the outcome in the transaction that writes the people. A rerun of a finished
/// import does nothing; a rerun of one cut off (its transaction rolled back) imports the kept file once.
/// </summary>
internal sealed class BackgroundImports(
    Db db, CompatriotWriter writer, ImportProgress progress, IBackgroundJobClient jobs, TimeProvider clock, Audit.AuditLog audit,
    IConfiguration configuration, ILogger<BackgroundImports> logger)
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";

    /// <summary>Files of this size or more are imported in the background (about 20,000 rows); smaller ones at once.</summary>
    public const long DefaultFromBytes = 2_000_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool InBackground(long fileBytes) =>
        fileBytes >= configuration.GetValue("Compatriots:BackgroundImportFromBytes", DefaultFromBytes);

    /// <summary>Keeps the file with a new import and queues its job; the import's id.</summary>
    public long Start(Stream file, CurrentUser user)
    {
        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        long id;
        using (var connection = db.Open())
        using (var transaction = connection.BeginTransaction())
        {
            id = connection.ExecuteScalar<long>("""
                INSERT INTO directory_import (state, user_id, user_login, user_role, user_region, organization_id, file_bytes, created_at)
                VALUES (@Queued, @Id, @Login, @Role, @Region, @OrganizationId, @bytes, @now) RETURNING id
                """, new { Queued, user.Id, user.Login, user.Role, user.Region, user.OrganizationId, bytes = buffer.Length, now = clock.GetUtcNow().ToDb() }, transaction);
            connection.Execute("INSERT INTO directory_import_file (import_id, content) VALUES (@id, @content)", new { id, content = buffer.ToArray() }, transaction);
            transaction.Commit();
        }
        audit.Record(user, "directory.import.queued", Subject(id), new { bytes = buffer.Length });
        jobs.Enqueue<BackgroundImports>(b => b.Run(id));
        return id;
    }

    /// <summary>The import if <paramref name="user"/> may see it: whoever started it, national staff, and its organisation's leaders.</summary>
    public ImportStatus? Status(long id, CurrentUser user)
    {
        using var connection = db.Open();
        var row = connection.QuerySingleOrDefault<ImportRow>(SelectRow, new { id });
        if (row is null || !Sees(AccessScope.Of(user), user, row)) return null;
        var outcome = row.Report is null ? null : JsonSerializer.Deserialize<StoredOutcome>(row.Report, Json);
        var live = row.State == Running ? progress.Of(id) : null;
        return new ImportStatus(id, row.State, live?.Phase ?? row.State, row.FileBytes, live, outcome?.Report, outcome?.Fault);
    }

    private static bool Sees(AccessScope scope, CurrentUser user, ImportRow row) =>
        row.UserId == user.Id || scope.SeesAll || (scope.OrganizationId is { } organization && organization == row.OrganizationId);

    /// <summary>The job: safe to run again (a finished import is left as it is), never retried blindly (a failure is recorded).</summary>
    [AutomaticRetry(Attempts = 0)]
    public void Run(long id)
    {
        ImportRow? row;
        using (var connection = db.Open())
            row = connection.QuerySingleOrDefault<ImportRow>(SelectRow, new { id });
        if (row is null || row.State is Done or Failed || !progress.TryBegin(id)) return;
        try
        {
            Import(id, row.User());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Background import {ImportId} failed", id);
            Finish(id, Failed, new StoredOutcome(null, null));
        }
        finally
        {
            progress.End(id);
        }
    }

    private void Import(long id, CurrentUser user)
    {
        byte[]? file;
        using (var connection = db.Open())
        {
            connection.Execute("UPDATE directory_import SET state = @Running WHERE id = @id", new { Running, id });
            file = connection.ExecuteScalar<byte[]?>("SELECT content FROM directory_import_file WHERE import_id = @id", new { id });
        }
        if (file is null) throw new InvalidOperationException($"Import {id} has no file.");
        var read = CompatriotCsv.Read(new MemoryStream(file), clock.GetUtcNow().Year, (rows, refused) => progress.Set(id, new LiveImport("reading", rows, refused, 0, 0)));
        file = null;
        if (read.HeaderFault is { } fault)
        {
            Finish(id, Failed, new StoredOutcome(null, fault));
            return;
        }
        var refusedRows = read.Errors.Select(e => e.Row).Distinct().Count();
        var readRows = read.Rows.Count + refusedRows;
        progress.Set(id, new LiveImport("writing", readRows, refusedRows, read.Rows.Count, 0));
        ImportReport report = null!;
        writer.Write(read.Rows, "import", AccessScope.Of(user).OrganizationId, new WriteHooks(
            written => progress.Set(id, new LiveImport("writing", readRows, refusedRows, read.Rows.Count, written)),
            (connection, transaction, written) =>
            {
                report = CompatriotImporter.ReportOf(read, written);
                Complete(connection, transaction, id, report);
            }), read.Absent);
        audit.Record(user, "directory.import", Subject(id), CompatriotImporter.AuditDetail(report));
    }

    /// <summary>
    /// Marks the import done in the writing transaction. Finding it already done (a second run of the job that raced the
    /// first) rolls this run's writes back: the people are written once.
    /// </summary>
    private void Complete(DbConnection connection, DbTransaction transaction, long id, ImportReport report)
    {
        if (Finish(connection, transaction, id, Done, new StoredOutcome(report, null), report) == 0)
            throw new InvalidOperationException($"Import {id} was finished by another run.");
    }

    private void Finish(long id, string state, StoredOutcome outcome)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        Finish(connection, transaction, id, state, outcome, null);
        transaction.Commit();
    }

    private int Finish(DbConnection connection, DbTransaction transaction, long id, string state, StoredOutcome outcome, ImportReport? report)
    {
        var changed = connection.Execute("""
            UPDATE directory_import SET state = @state, imported = @imported, updated = @updated, refused = @refused, report = @json, finished_at = @now
            WHERE id = @id AND state NOT IN (@Done, @Failed)
            """, new
        {
            id, state, Done, Failed, imported = report?.Imported ?? 0, updated = report?.Updated ?? 0,
            refused = report?.Rejected.Select(e => e.Row).Distinct().Count() ?? 0,
            json = JsonSerializer.Serialize(outcome, Json), now = clock.GetUtcNow().ToDb(),
        }, transaction);
        // The file holds personal data: it goes as soon as the import has an outcome.
        connection.Execute("DELETE FROM directory_import_file WHERE import_id = @id", new { id }, transaction);
        return changed;
    }

    private const string SelectRow = """
        SELECT id AS Id, state AS State, user_id AS UserId, user_login AS UserLogin, user_role AS UserRole, user_region AS UserRegion,
               organization_id AS OrganizationId, file_bytes AS FileBytes, report AS Report
        FROM directory_import WHERE id = @id
        """;

    private static string Subject(long id) => "import:" + id.ToString(CultureInfo.InvariantCulture);

    private sealed record StoredOutcome(ImportReport? Report, ImportError? Fault);

    private sealed record ImportRow
    {
        public long Id { get; init; }
        public string State { get; init; } = "";
        public long UserId { get; init; }
        public string UserLogin { get; init; } = "";
        public string UserRole { get; init; } = "";
        public string? UserRegion { get; init; }
        public long? OrganizationId { get; init; }
        public long FileBytes { get; init; }
        public string? Report { get; init; }

        public CurrentUser User() => new(UserId, UserLogin, UserRole, UserRegion, OrganizationId);
    }
}

/// <summary>
/// Queues, at start, the imports whose job may never have been queued (the host stopped between keeping the file and
/// queuing). A running one is Hangfire's to run again: queuing it here too could run it twice at once.
/// </summary>
internal sealed class BackgroundImportRecovery(Db db, IBackgroundJobClient jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        using (var connection = db.Open())
            foreach (var id in connection.Query<long>("SELECT id FROM directory_import WHERE state = 'queued'").ToList())
                jobs.Enqueue<BackgroundImports>(b => b.Run(id));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

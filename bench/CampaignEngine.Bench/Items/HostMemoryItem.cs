using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Item 6: the host's memory while it dispatches a launched national campaign of every compatriot (1,000,000 in the
/// full run) to the file outbox. The host is the published product (<see cref="PublishedHost"/>) in its own process, with its own runtime settings
/// (garbage collector and all), started on the bench's database the way an operator starts it: on start it finds the
/// unfinished campaign and sends it. Its peak resident memory (VmHWM) is read from /proc, so nothing of the bench's
/// own data generation is counted. On PostgreSQL the host starts with <c>Database:Provider=postgresql</c> on the database
/// the bench launched the campaign in, and only the host's process is measured (PostgreSQL's own memory is not).
/// </summary>
internal static class HostMemoryItem
{
    /// <param name="connectionString">The PostgreSQL database holding the campaign; null for the SQLite file at <paramref name="dbPath"/>.</param>
    public static async Task<Result> Run(string root, string dbPath, string folder, long campaignId, long recipients, string? connectionString = null)
    {
        // BENCH_HOST_DLL: another build of the host (e.g. main's, copied aside) to measure on the same data.
        var dll = Environment.GetEnvironmentVariable("BENCH_HOST_DLL") is { Length: > 0 } other
            ? other
            : await PublishedHost.Dll(root);
        var watch = Stopwatch.StartNew();
        var onPostgreSql = connectionString is not null;
        var environment = new Dictionary<string, string>
        {
            ["Demo__Enabled"] = "false",
            ["Database__Path"] = dbPath,
            ["Outbox__Path"] = Path.Combine(folder, "host-outbox"),
            ["DataProtection__KeysPath"] = Path.Combine(folder, "host-keys"),
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Ports.Free()}",
        };
        if (onPostgreSql)
        {
            environment["Database__Provider"] = "postgresql";
            environment["ConnectionStrings__CampaignEngine"] = connectionString!;
        }
        using var process = ColdStartItem.StartDll(dll, environment);
        long peakKb = 0;
        var atPeak = new MemoryParts(0, 0, 0, 0);
        TimeSpan? firstSent = null;
        try
        {
            await using DbConnection connection = onPostgreSql ? new NpgsqlConnection(connectionString) : new SqliteConnection($"Data Source={dbPath};Mode=ReadOnly");
            await connection.OpenAsync();
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"The host {HostOutput.Ended(process)} during the dispatch.");
                if (watch.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException("The host did not finish the dispatch within 10 minutes.");
                peakKb = Math.Max(peakKb, Machine.ProcStatus($"/proc/{process.Id}/status", "VmHWM") ?? 0);
                atPeak = MemoryParts.Larger(atPeak, MemoryParts.Read(process.Id));
                var (status, sent) = await connection.QuerySingleAsync<(string, long)>(
                    "SELECT status, (SELECT COUNT(*) FROM send_message WHERE campaign_id = @campaignId AND status = 'sent') FROM campaign WHERE id = @campaignId",
                    new { campaignId });
                if (sent > 0) firstSent ??= watch.Elapsed;
                if (status == "completed")
                {
                    if (sent != recipients) throw new InvalidOperationException($"The host sent {sent:N0} of {recipients:N0} messages.");
                    break;
                }
                await Task.Delay(250);
            }
        }
        finally
        {
            peakKb = Math.Max(peakKb, Machine.ProcStatus($"/proc/{process.Id}/status", "VmHWM") ?? 0);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            if (onPostgreSql) NpgsqlConnection.ClearAllPools();
            else SqliteConnection.ClearAllPools();
        }
        var sending = watch.Elapsed - (firstSent ?? TimeSpan.Zero);
        return new Result("peak host memory (RSS) during the dispatch", $"{recipients:N0} messages",
            peakKb / 1024.0, "MB", null, null, BudgetKind.AtMost, 120,
            $"Issue 20's budget (≤ 120 MB); the first round's, ≤ 200 MB, is {(peakKb / 1024.0 <= 200 ? "met" : "missed")}. VmHWM of the published host (ReadyToRun, ADR 0014) in its own process (`dotnet CampaignEngine.Web.dll`, its own GC settings: ADR 0015 and 0022) while it sends a launched " +
            $"national campaign of {recipients:N0} to the file outbox, from start until the campaign is completed; " +
            $"{recipients / Math.Max(0.001, sending.TotalSeconds):N0} msg/s over that whole send (polled every 250 ms, so ±0.25 s). " +
            $"At the largest resident size polled ({atPeak.Resident / 1024.0:N0} MB): {atPeak.Anonymous / 1024.0:N0} MB anonymous (the GC heap, {(onPostgreSql ? "Npgsql's buffers" : "SQLite's caches")}, " +
            $"native allocations), {atPeak.File / 1024.0:N0} MB file-backed (the runtime's, the framework's and the libraries' " +
            $"code and data, mapped from disk: clean pages the kernel can drop and reread), {atPeak.Shared / 1024.0:N0} MB shared " +
            "(the JIT's code and stubs, mapped twice for write-xor-execute).")
        { Engine = onPostgreSql ? Engines.PostgreSql : Engines.Sqlite };
    }

    /// <summary>The parts of a process's resident memory, in kB (/proc/PID/status).</summary>
    private sealed record MemoryParts(long Resident, long Anonymous, long File, long Shared)
    {
        public static MemoryParts Read(int pid)
        {
            var status = $"/proc/{pid}/status";
            return new MemoryParts(Machine.ProcStatus(status, "VmRSS") ?? 0, Machine.ProcStatus(status, "RssAnon") ?? 0,
                Machine.ProcStatus(status, "RssFile") ?? 0, Machine.ProcStatus(status, "RssShmem") ?? 0);
        }

        public static MemoryParts Larger(MemoryParts a, MemoryParts b) => b.Resident > a.Resident ? b : a;
    }
}

using System.Diagnostics;
using Dapper;
using CampaignEngine.Bench.Items;

namespace CampaignEngine.Bench;

/// <summary>
/// The one benchmark command: generates data, measures every item beside its limit, writes the markdown table.
/// An exception fails the command (CI catches breakage); a missed budget does not, it is a finding for the table. On
/// PostgreSQL a stage that throws is written into the table as not measured, with its error, before the command fails.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var total = Stopwatch.StartNew();
        var loadBefore = Machine.LoadAverage;
        var root = Path.Combine(Path.GetTempPath(), $"campaign-engine-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(root);
        void Log(string what) => Console.WriteLine($"[{total.Elapsed:mm\\:ss}] {what}");
        try
        {
            if (options.Only is not null && options.OnPostgreSql)
            {
                var measured = await PostgreSqlRun.Run(root, options, Log);
                foreach (var r in measured) Console.WriteLine(Line(r));
                if (measured.Any(r => r.Failed)) return 1;
                if (!options.OnSqlite) return 0;
            }
            if (options.Only == "intake")
            {
                foreach (var r in await IntakeItem.Run(root, options)) Console.WriteLine($"{r.Measure}: {r.Value:N1} {r.Unit} beside {r.BesideValue:N1}; {r.Note}");
                return 0;
            }
            if (options.Only == "coldstart")
            {
                var start = await ColdStartItem.Run(root, options);
                Console.WriteLine($"{start.Measure}: {start.Value:N0} {start.Unit} beside {start.BesideValue:N0}; {start.Note}");
                return 0;
            }
            if (options.Only == "smtp")
            {
                var smtp = await SmtpItem.Run(root, options);
                Console.WriteLine(Line(smtp));
                return 0;
            }
            if (options.Only == "certificates")
            {
                await using var certificates = ProductHost.Create(root, "certificates");
                // As many people as the full run: the bulk job takes its holders from the middle of the directory.
                DirectoryData.Write(certificates.DbPath, options.Compatriots, nationalOnly: false, organizationMembers: 0);
                foreach (var r in CertificateItem.Run(certificates, options)) Console.WriteLine($"{r.Measure}: {r.Value:N1} {r.Unit}; {r.Note}");
                return 0;
            }
            if (options.Only == "desk")
            {
                // Generating a million threads takes some twenty minutes: BENCH_DESK_DB names a database an earlier run
                // generated (its bench/desk/bench.db, kept aside), which the host upgrades in place before measuring.
                var reused = DeskData.Reuse(Path.Combine(root, "desk"), Environment.GetEnvironmentVariable("BENCH_DESK_DB"));
                await using var desk = ProductHost.Create(root, "desk");
                if (!reused)
                {
                    Log($"Generating {options.Compatriots:N0} compatriots and {options.Threads:N0} desk threads with their messages");
                    DeskData.Write(desk.DbPath, DirectoryData.Write(desk.DbPath, options.Compatriots, nationalOnly: false, organizationMembers: 0), options.Threads);
                }
                Log("Desk page of overdue threads, desk figures for 90 days");
                foreach (var r in ResponsesDeskItem.Run(desk, options)) Console.WriteLine($"{r.Measure}: {r.Value:N1} {r.Unit} beside {r.BesideValue:N1}; {r.Note}");
                return 0;
            }
            if (options.Only == "mypage")
            {
                var page = await MyPageItem.Run(root, options, Log);
                Console.WriteLine($"{page.Measure}: {page.Value:N1} {page.Unit} beside {page.BesideValue:N2}; {page.Note}");
                return 0;
            }
            if (options.Only is "import" or "search")
            {
                var found = await DirectoryImportRun.Run(root, options, Log, import: options.Only == "import", search: options.Only == "search");
                foreach (var r in found) Console.WriteLine($"{r.Measure}: {r.Value:N1} {r.Unit} beside {r.BesideValue:N1}; {r.Note}");
                return 0;
            }
            if (options.Only is "audience" or "pledgereport")
            {
                // The directory of a full run (IOM 2021 shares); pledges only for the report, which needs them. Generating a
                // million of each takes minutes: BENCH_PLEDGE_DB keeps the report's database aside (written by the first run
                // that names it, reused and upgraded in place by the next).
                var keep = options.Only == "pledgereport" ? Environment.GetEnvironmentVariable("BENCH_PLEDGE_DB") : null;
                var reused = File.Exists(keep) && DeskData.Reuse(Path.Combine(root, "directory"), keep);
                await using var host = ProductHost.Create(root, "directory");
                if (!reused)
                {
                    Log($"Generating {options.Compatriots:N0} compatriots (IOM 2021 shares){(options.Only == "pledgereport" ? $" and {options.Pledges:N0} pledges" : "")}");
                    var people = DirectoryData.Write(host.DbPath, options.Compatriots, nationalOnly: false, organizationMembers: 0);
                    if (options.Only == "pledgereport") PledgeData.Write(host.DbPath, people, options.Pledges, keep);
                }
                Log(options.Only == "audience" ? "Audience previews" : "Pledge report");
                var items = options.Only == "audience" ? AudienceItem.Run(host, options, options.Compatriots) : PledgeReportItem.Run(host, options);
                foreach (var r in items) Console.WriteLine($"{r.Measure}: {r.Value:N1} {r.Unit} beside {r.BesideValue:N1}; {r.Note}");
                return 0;
            }
            List<Result> results = [];
            if (options.OnSqlite)
            {
                if (await SqliteRun(root, options, Log) is not { } sqlite) return 0;
                results.AddRange(sqlite);
            }
            if (options.OnPostgreSql)
            {
                Log("PostgreSQL: the engine column");
                results.AddRange(await PostgreSqlRun.Run(root, options, Log));
            }
            var markdown = Report.Markdown(options, results, loadBefore, Machine.LoadAverage, total.Elapsed);
            var output = Path.GetFullPath(options.OutputPath);
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            await File.WriteAllTextAsync(output, markdown + Report.KeptPart(output));
            Console.WriteLine(markdown);
            Log($"Wrote {output}; {results.Count(r => r.Met)} of {results.Count} budgets met");
            return results.Any(r => r.Failed) ? 1 : 0;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>One line of an <c>--only</c> run.</summary>
    private static string Line(Result r) => r.NotMeasured is { } why
        ? $"{r.Measure} ({r.Engine}): not measured on {r.Engine}: {why}"
        : $"{r.Measure} ({r.Engine}): {r.Value:N1} {r.Unit}{(r.BesideValue is { } b ? $" beside {b:N1}" : "")}; {(r.Met ? "met" : "missed")}; {r.Note}";

    /// <summary>The SQLite items of a full run; null when an <c>--only</c> item ran and printed its line instead.</summary>
    private static async Task<List<Result>?> SqliteRun(string root, BenchOptions options, Action<string> log)
    {
        Result launch, dispatch, memory;
        var launchFolder = Path.Combine(root, "launch");
        long nationalCampaign;
        // Generating the million takes minutes: for `--only memory`, BENCH_MEMORY_DB names a database an earlier
        // run generated (kept aside before its launch), copied here so that each run sends a fresh campaign.
        var memoryReused = options.Only == "memory" && DeskData.Reuse(launchFolder, Environment.GetEnvironmentVariable("BENCH_MEMORY_DB"));
        await using (var host = ProductHost.Create(root, "launch"))
        {
            if (!memoryReused)
            {
                log($"Generating {options.Compatriots:N0} compatriots in RU/KZ/UA, all reachable");
                DirectoryData.Write(host.DbPath, options.Compatriots, nationalOnly: true, organizationMembers: options.Dispatch);
                if (Environment.GetEnvironmentVariable("BENCH_MEMORY_KEEP") is { Length: > 0 } keep)
                {
                    using var connection = host.Open();
                    connection.Execute("VACUUM INTO @keep", new { keep }); // whole, with what is still in the log
                }
            }
            if (options.Only != "memory")
            {
                log($"Dispatching {options.Dispatch:N0} messages × {options.Runs}");
                dispatch = await DispatchItem.Run(host, options);
                if (options.Only == "dispatch")
                {
                    Console.WriteLine($"{dispatch.Measure}: {dispatch.Value:N0} {dispatch.Unit} ({dispatch.Note})");
                    return null;
                }
                log($"Launching {options.Compatriots:N0} recipients × {options.Runs}, and the bare insert × {options.Runs}");
                launch = LaunchItem.Run(host, options, options.Compatriots);
            }
            else (launch, dispatch) = (null!, null!);
            log($"Launching a national campaign of {options.Compatriots:N0} for the host to send");
            nationalCampaign = LaunchItem.LaunchNational(host, "national dispatch", options.Compatriots).Id;
        }
        log($"The published host, in its own process, sends those {options.Compatriots:N0} messages to the file outbox");
        memory = await HostMemoryItem.Run(root, Path.Combine(launchFolder, "bench.db"), launchFolder, nationalCampaign, options.Compatriots);
        Directory.Delete(launchFolder, recursive: true);
        if (options.Only == "memory")
        {
            Console.WriteLine($"{memory.Measure}: {memory.Value:N0} {memory.Unit} ({memory.Note})");
            return null;
        }

        log($"Dispatching {options.Dispatch:N0} e-mails to a local SMTP server × {options.Runs}, and the bare MailKit loop × {options.Runs}");
        var smtp = await SmtpItem.Run(root, options);

        var directory = new List<Result>();
        await using (var host = ProductHost.Create(root, "directory"))
        {
            log($"Generating {options.Compatriots:N0} compatriots (IOM 2021 shares) and {options.Pledges:N0} pledges");
            var people = DirectoryData.Write(host.DbPath, options.Compatriots, nationalOnly: false, organizationMembers: 0);
            PledgeData.Write(host.DbPath, people, options.Pledges);
            log("Audience previews, pledge report, certificates");
            directory.AddRange(AudienceItem.Run(host, options, options.Compatriots));
            directory.AddRange(PledgeReportItem.Run(host, options));
            directory.AddRange(CertificateItem.Run(host, options));
            log($"Generating {options.Threads:N0} desk threads; the desk's overdue page and its figures for 90 days");
            DeskData.Write(host.DbPath, people, options.Threads);
            directory.AddRange(ResponsesDeskItem.Run(host, options));
        }
        log("The personal page of a person with 100 pledges, over HTTP");
        directory.Add(await MyPageItem.Run(root, options, log));
        log($"The CSV import of {options.Compatriots:N0} compatriots beside the bare insert, then searches of the directory it wrote");
        directory.AddRange(await DirectoryImportRun.Run(root, options, log, import: true, search: true));
        log("Pledge intake under load, and the bare endpoint");
        var intake = await IntakeItem.Run(root, options);
        log("Cold starts");
        var coldStart = await ColdStartItem.Run(root, options);

        return [launch, dispatch, smtp, .. directory, .. intake, memory, coldStart];
    }
}

using System.Diagnostics;
using CampaignEngine.Bench.Items;

namespace CampaignEngine.Bench;

/// <summary>
/// The PostgreSQL column of the table (issue 19): each item the product runs on PostgreSQL, beside its limit measured on
/// PostgreSQL in the same run (the bare insert, the bare count, the bare endpoint), and the several-hosts items; every
/// item of the SQLite run has its PostgreSQL line. Data goes in with binary COPY (<see cref="DirectoryData"/>,
/// <see cref="PledgeData"/>). <c>--only</c> launch, dispatch, memory, smtp, audience, pledgereport, certificates, desk, mypage,
/// import, search, intake or coldstart runs that part alone.
/// </summary>
internal static class PostgreSqlRun
{
    private const string Pg = Engines.PostgreSql;

    public static async Task<List<Result>> Run(string root, BenchOptions options, Action<string> log)
    {
        bool Wants(params string[] items) => options.Only is null || items.Contains(options.Only);
        var results = new List<Result>();
        // A full run on both engines takes over an hour: a stage that throws is recorded as not measured, with its error,
        // and the run goes on, so that one fault does not lose every number before it; the command still fails at the end.
        async Task Stage(string stage, Func<Task> body)
        {
            try { await body(); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log($"PostgreSQL: {stage} failed: {e}");
                results.Add(Result.Crashed(Pg, stage, e));
            }
        }

        if (Wants("launch", "dispatch", "memory")) await Stage("launch, dispatch and host memory", async () =>
        {
            await using var host = ProductHost.CreateOn(Pg, root, "pg-launch");
            log($"PostgreSQL: copying {options.Compatriots:N0} compatriots in RU/KZ/UA (binary COPY)");
            var copy = Stopwatch.StartNew();
            DirectoryData.Write(host, options.Compatriots, nationalOnly: true, organizationMembers: options.Dispatch);
            var copied = $"The directory went in by binary COPY at {options.Compatriots / copy.Elapsed.TotalSeconds:N0} rows/s (audience-cell trigger on).";
            log(copied);
            if (Wants("dispatch"))
            {
                log($"PostgreSQL: dispatching {options.Dispatch:N0} messages × {options.Runs} with one host, then with two");
                var one = await DispatchItem.Run(host, options) with { Engine = Pg };
                results.Add(one);
                await using var second = ProductHost.Beside(host, root, "pg-launch-2");
                results.Add(await TwoHostDispatchItem.Run(host, second, options, one));
            }
            if (Wants("launch"))
            {
                log($"PostgreSQL: launching {options.Compatriots:N0} recipients × {options.Runs}, and the bare insert × {options.Runs}");
                var launch = LaunchItem.Run(host, options, options.Compatriots);
                results.Add(launch with { Engine = Pg, Note = $"{launch.Note} {copied}" });
            }
            if (Wants("memory"))
            {
                log($"PostgreSQL: the published host, in its own process on this database, sends a national campaign of {options.Compatriots:N0} to the file outbox");
                var national = LaunchItem.LaunchNational(host, "national dispatch", options.Compatriots).Id;
                results.Add(await HostMemoryItem.Run(root, host.DbPath, host.Folder, national, options.Compatriots, host.ConnectionString));
            }
        });

        if (Wants("smtp")) await Stage("SMTP dispatch", async () =>
        {
            log($"PostgreSQL: dispatching {options.Dispatch:N0} e-mails to a local SMTP server × {options.Runs}, and the bare MailKit loop × {options.Runs}");
            results.Add(await SmtpItem.Run(root, options, Pg));
        });

        if (Wants("audience", "pledgereport", "certificates", "desk")) await Stage("directory, pledges, certificates and desk", async () =>
        {
            await using var host = ProductHost.CreateOn(Pg, root, "pg-directory");
            log($"PostgreSQL: copying {options.Compatriots:N0} compatriots (IOM 2021 shares){(Wants("pledgereport") ? $" and {options.Pledges:N0} pledges" : "")} (binary COPY)");
            var people = DirectoryData.Write(host, options.Compatriots, nationalOnly: false, organizationMembers: 0);
            if (Wants("pledgereport")) PledgeData.Write(host, people, options.Pledges);
            if (Wants("audience")) results.AddRange(AudienceItem.Run(host, options, options.Compatriots).Select(r => r with { Engine = Pg }));
            if (Wants("pledgereport")) results.AddRange(PledgeReportItem.Run(host, options).Select(r => r with { Engine = Pg }));
            if (Wants("certificates")) results.AddRange(CertificateItem.Run(host, options).Select(r => r with { Engine = Pg }));
            if (Wants("desk")) results.AddRange(Desk(host, people, Quick(options), log));
        });

        if (Wants("import", "search")) await Stage("import and search", async () =>
        {
            log($"PostgreSQL: the CSV import of {options.Compatriots:N0} compatriots beside the bare batched insert, then searches of the directory it wrote");
            var found = await DirectoryImportRun.Run(Pg, root, Quick(options), log, import: Wants("import"), search: Wants("search"));
            results.AddRange(found.Select(r => r with { Engine = Pg }));
        });

        if (Wants("mypage")) await Stage("personal page", async () =>
        {
            log("PostgreSQL: the personal page of a person with 100 pledges, over HTTP");
            results.Add(await MyPageItem.Run(root, options, log, Pg));
        });

        if (Wants("intake")) await Stage("pledge intake", async () =>
        {
            log("PostgreSQL: pledge intake under load on one host, on two, and the bare endpoint");
            results.AddRange(await IntakeItem.RunPostgreSql(root, options));
        });

        if (Wants("coldstart")) await Stage("cold start", async () =>
        {
            log("PostgreSQL: cold starts of the published host on a migrated database, and of the bare app");
            results.Add(await ColdStartItem.RunPostgreSql(root, options));
        });

        return results;
    }

    /// <summary>
    /// Quick mode (CI) proves the items run, so on PostgreSQL, where every desk thread goes through the desk's triggers and
    /// every imported row is several round trips, the desk and the import take a quarter of the quick sizes: 20,000 of
    /// each took more than two minutes of a loaded CI run.
    /// </summary>
    private static BenchOptions Quick(BenchOptions options) =>
        options.Quick ? options with { Threads = options.Threads / 4, Compatriots = options.Compatriots / 4 } : options;

    /// <summary>The desk's threads by binary COPY through the desk's triggers, then the desk's page and figures on them.</summary>
    private static IEnumerable<Result> Desk(ProductHost host, Person[] people, BenchOptions options, Action<string> log)
    {
        log($"PostgreSQL: copying {options.Threads:N0} desk threads with their messages (binary COPY, the desk's triggers on)");
        var copy = Stopwatch.StartNew();
        DeskData.Write(host, people, options.Threads);
        var copied = $"The threads went in by binary COPY at {options.Threads / copy.Elapsed.TotalSeconds:N0} threads/s with their messages (the desk's count and figure triggers on).";
        log(copied);
        return ResponsesDeskItem.Run(host, options).Select(r => r with { Engine = Pg, Note = $"{r.Note}. {copied}" });
    }
}

using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Compatriots.Search;
using CampaignEngine.Web.Features.Demo;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Issue 20: the directory's person search on the imported million (<see cref="PersonSearch"/>, what the person picker
/// and its type-ahead call) by a common first name, by a name and surname, by a phone as dialled at home, by a phone's
/// last digits and by an external id, as national staff and as an oblast administration; and the directory list's
/// search (<see cref="CompatriotQueries.List"/>, first page with its total), and that list as staff first open it, with no
/// search. Each beside a bare indexed SELECT of the same people by id. Budget 30 ms each.
/// </summary>
internal static class SearchItem
{
    public const double BudgetMs = 30;

    public static IEnumerable<Result> Run(ProductHost host, PeopleFile file, BenchOptions options)
    {
        var search = host.Services.GetRequiredService<PersonSearch>();
        var probe = file.Probe;
        var region = Regions.Find(probe.HomeRegion)!.Code;
        var oblast = new CurrentUser(-1, "bench-oblast", Roles.Oblast, region, null);
        (string What, string Query, bool FindsProbe)[] cases =
        [
            ($"a common first name ({file.CommonFirstName})", file.CommonFirstName.ToLowerInvariant(), false),
            ("a first name and surname in Latin letters", DemoNames.ToLatin(probe.FullName), false),
            ("a phone as written", probe.PhoneWritten, true),
            ("a phone's last 5 digits", probe.Phone[^5..], false),
            ("an external id", probe.ExternalId, true),
        ];
        using var connection = host.Open();
        foreach (var (user, who) in new[] { (host.Admin, "national staff"), (oblast, $"an oblast administration ({region})") })
            foreach (var (what, query, findsProbe) in cases)
            {
                PersonMatches found = null!;
                var (median, cpu) = Timed(options, () => found = search.Find(query, user));
                if (found.People.Count == 0) throw new InvalidOperationException($"Searching {what} found nobody for {who}.");
                if (findsProbe && !found.People.Any(p => p.ExternalId == probe.ExternalId))
                    throw new InvalidOperationException($"Searching {what} did not find the person for {who}.");
                var ids = found.People.Select(p => p.Id).ToList();
                yield return Beside($"directory search by {what}, {who}", file, median, cpu, connection, ids, options,
                    $"`PersonSearch.Find(\"{query}\")`: {found.People.Count} shown{(found.More ? ", more to narrow" : "")}{(user == oblast ? RowsAsBefore(connection, ids, region, options) : "")}");
            }
        var queries = host.Services.GetRequiredService<CompatriotQueries>();
        // The list's columns are read once per change of the directory, on a pool thread beside the list that found them
        // stale; here that read is timed on its own, then the list answers as it does until the directory changes again.
        var read = ThreadCpu.Of(host.Services.GetRequiredService<ListColumns>().ReadNow);
        foreach (var (user, who) in new[] { (host.Admin, "national staff"), (oblast, $"an oblast administration ({region})") })
        {
            var filter = new CompatriotFilter(null, null, null, null, file.CommonFirstName.ToLowerInvariant(), 1, 50);
            CompatriotPage page = null!;
            var (median, cpu) = Timed(options, () => page = queries.List(filter, user));
            if (page.Items.Count == 0) throw new InvalidOperationException($"The directory list found nobody named {file.CommonFirstName} for {who}.");
            CompatriotPage detail = null!;
            var (detailMedian, _) = Timed(options, () => detail = queries.SearchedList(filter, user, fromColumns: false));
            if (detail.Total != page.Total || !detail.Items.Select(p => p.Id).SequenceEqual(page.Items.Select(p => p.Id)))
                throw new InvalidOperationException($"The list's columns and the people disagree for {who}.");
            yield return Beside($"directory list searched for a common first name, first page of 50 with the total, {who}", file, median, cpu, connection,
                page.Items.Select(p => p.Id).ToList(), options, $"`CompatriotQueries.List`: {page.Total:N0} people named {file.CommonFirstName}, " +
                $"from the list's columns (migration 0061; read once per change of the directory, on a pool thread: {read.Wall.TotalMilliseconds:N0} ms, " +
                $"{read.Cpu.TotalMilliseconds:N0} ms of CPU); the same list read from the people, as before them: {detailMedian.TotalMilliseconds:N1} ms");
        }
        foreach (var (user, who) in new[] { (host.Admin, "national staff"), (oblast, $"an oblast administration ({region})") })
        {
            var filter = new CompatriotFilter(null, null, null, null, null, 1, 50);
            CompatriotPage page = null!;
            var (median, cpu) = Timed(options, () => page = queries.List(filter, user));
            if (page.Items.Count == 0) throw new InvalidOperationException($"The directory list showed nobody to {who}.");
            yield return Beside($"directory list as first opened (no search), first page of 50 with the total, {who}", file, median, cpu, connection,
                page.Items.Select(p => p.Id).ToList(), options,
                $"`CompatriotQueries.List`: {page.Total:N0} people; {ListAsBefore(connection, user == oblast ? region : null, options)}");
        }
    }

    /// <summary>
    /// The unsearched list as it was read before migration 0058, in the same run: its counts grouped over the people and
    /// its page sorted from everyone in the scope (the name as an expression, which no index orders).
    /// </summary>
    private static string ListAsBefore(System.Data.IDbConnection connection, string? region, BenchOptions options)
    {
        var where = region is null ? "1 = 1" : "home_region = @region";
        var (median, cpu) = Timed(options, () =>
        {
            connection.Query($"SELECT gender, COUNT(*) FROM directory_compatriot WHERE {where} GROUP BY gender", new { region }).AsList();
            connection.Query($"SELECT * FROM directory_compatriot WHERE {where} ORDER BY full_name || '', id LIMIT 50", new { region }).AsList();
        });
        return $"the same counted over the people and sorted (before migration 0058): {median.TotalMilliseconds:N1} ms, {cpu.TotalMilliseconds:N1} ms thread CPU";
    }

    /// <summary>
    /// The found people's rows read as before (scope through its index: SQLite walked the oblast's entries of
    /// ix_compatriot_reach for the ids), beside the picker that now reads them by id, in the same run.
    /// </summary>
    private static string RowsAsBefore(System.Data.IDbConnection connection, IReadOnlyList<long> ids, string region, BenchOptions options)
    {
        var before = SqlList.On(connection, "SELECT * FROM directory_compatriot WHERE id IN @ids AND erased_at IS NULL AND home_region = @region");
        var (median, cpu) = Timed(options, () => connection.Query(before, new { ids, region }).AsList());
        return $"; its rows read as before (the scope through its index): {median.TotalMilliseconds:N1} ms, {cpu.TotalMilliseconds:N1} ms thread CPU";
    }

    private static (TimeSpan Median, TimeSpan Cpu) Timed(BenchOptions options, Action body)
    {
        body();
        var runs = options.Quick ? 5 : 21;
        var cpu = new List<TimeSpan>(runs);
        var median = Measure.Median(runs, _ => cpu.Add(ThreadCpu.Of(body).Cpu));
        return (median, Measure.Of(cpu));
    }

    private static Result Beside(string measure, PeopleFile file, TimeSpan median, TimeSpan cpu, System.Data.IDbConnection connection,
        IReadOnlyList<long> ids, BenchOptions options, string note)
    {
        // The list as the connection's engine reads it (= ANY on PostgreSQL).
        var bare = SqlList.On(connection, "SELECT * FROM directory_compatriot WHERE id IN @ids");
        connection.Query(bare, new { ids }).AsList();
        var limit = Measure.Median(options.Quick ? 5 : 21, _ => connection.Query(bare, new { ids }).AsList());
        return new Result(measure, $"{file.Rows:N0} compatriots", median.TotalMilliseconds, "ms", "bare indexed `SELECT` of the same people by id",
            limit.TotalMilliseconds, BudgetKind.AtMost, BudgetMs, $"{note}; {cpu.TotalMilliseconds:N1} ms thread CPU (median)");
    }
}

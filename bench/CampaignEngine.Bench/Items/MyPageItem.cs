using System.Diagnostics;
using System.Net;
using CampaignEngine.Web.Features.Compatriots.Search;
using CampaignEngine.Web.Features.Compatriots.Self;
using Dapper;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Issue 17: the person's own page (<c>GET /me/{token}</c>) over HTTP from the started host — Kestrel, the link, the
/// preferences, "My contributions" with its payments and "Projects you support" with their news — for a person with
/// 100 pledges on a directory of a million people with a million other pledges, beside a bare indexed SELECT of that
/// person's pledges. Budget 20 ms.
/// </summary>
internal static class MyPageItem
{
    public const double BudgetMs = 20;
    private const int PersonalPledges = 100;

    /// <param name="engine">The engine of the host and its data (<see cref="Engines"/>): a SQLite file, or a PostgreSQL database filled by COPY.</param>
    public static async Task<Result> Run(string root, BenchOptions options, Action<string> log, string engine = Engines.Sqlite)
    {
        var url = $"http://127.0.0.1:{Ports.Free()}";
        // The page's own per-link and per-address limits are for people; the bench asks for it a few hundred times.
        await using var host = ProductHost.CreateOn(engine, root, engine == Engines.Sqlite ? "mypage" : "pg-mypage", $"--urls={url}",
            "--RateLimits:PublicPerMinute=100000000", "--RateLimits:MyPagePerTokenPerMinute=100000000");
        log($"Generating {options.Compatriots:N0} compatriots and {options.Pledges:N0} pledges for the personal page ({engine})");
        var people = DirectoryData.Write(host, options.Compatriots, nationalOnly: false, organizationMembers: 0);
        PledgeData.Write(host, people, options.Pledges);
        var person = people.Length / 2 + 1;
        MyPageData.Write(host, person, PersonalPledges);
        var token = host.Services.GetRequiredService<PersonalLinks>().Ensure(person)!;
        await host.App.StartAsync();
        try
        {
            return await Measure(host, options, url, token, person);
        }
        finally
        {
            await host.App.StopAsync();
        }
    }

    private static async Task<Result> Measure(ProductHost host, BenchOptions options, string url, string token, long person)
    {
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        var path = $"/me/{token}?lang=ru";
        var page = "";
        for (var i = 0; i < 5; i++) page = await Get(client, path);
        var shown = page.Split("class=\"mine-pledge\"").Length - 1;
        // At full size the generated million pledges may already give this person a few of their own.
        using (var count = host.Open())
        {
            var held = count.ExecuteScalar<long>("SELECT COUNT(*) FROM pledge WHERE compatriot_id = @person", new { person });
            if (held < PersonalPledges || shown != held) throw new InvalidOperationException($"The page shows {shown} pledges, the person has {held} (at least {PersonalPledges} expected).");
        }
        var runs = options.Quick ? 20 : 100;
        var median = await CampaignEngine.Bench.Measure.MedianAsync(runs, async _ => await Get(client, path));
        using var connection = host.Open();
        const string bare = "SELECT * FROM pledge WHERE compatriot_id = @person";
        connection.Query(bare, new { person }).AsList();
        var limit = CampaignEngine.Bench.Measure.Median(runs, _ => connection.Query(bare, new { person }).AsList());
        return new Result("personal page (`GET /me/{token}`) of a person with 100 pledges, over HTTP", $"{options.Compatriots:N0} compatriots, {options.Pledges:N0} other pledges",
            median.TotalMilliseconds, "ms", "bare indexed `SELECT` of the person's 100 pledges", limit.TotalMilliseconds, BudgetKind.AtMost, BudgetMs,
            $"{page.Length / 1024:N0} KB of HTML in Russian; {MyPageData.Projects} projects with {MyPageData.UpdatesPerProject} updates each, " +
            "payments on most pledges; median of " + runs + " requests after 5 untimed, client in the same process.")
        { Engine = host.Engine };
    }

    private static async Task<string> Get(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET /me answered {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
        return text;
    }
}

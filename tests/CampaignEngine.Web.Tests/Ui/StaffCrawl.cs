using System.Net;
using System.Text.RegularExpressions;

namespace CampaignEngine.Web.Tests.Ui;

/// <summary>
/// Walks a signed-in user's pages from the dashboard, following every same-site link the pages show (language switches
/// and downloads aside). Pages are grouped by path shape (/pledges/12 and /pledges/13 are one shape); each shape is
/// opened at most <c>perShape</c> times. Links are followed only from pages that opened.
/// </summary>
internal static partial class StaffCrawl
{
    public sealed record Page(string Url, string From, HttpResponseMessage Response, string? Html);

    /// <summary>Calls <paramref name="onPage"/> for every page opened, from <paramref name="start"/> on; returns how many shapes were seen.</summary>
    public static async Task<int> WalkAsync(HttpClient client, Func<Page, Task> onPage, int maxPages = 120, int perShape = 1, string start = "/")
    {
        var opened = new Dictionary<string, int>(StringComparer.Ordinal);
        var queued = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(string Url, string From)>([(start, "sign-in")]);
        var pages = 0;
        while (queue.Count > 0 && pages < maxPages)
        {
            var (url, from) = queue.Dequeue();
            var shape = Shape(url);
            if (opened.GetValueOrDefault(shape) >= perShape) continue;
            opened[shape] = opened.GetValueOrDefault(shape) + 1;
            pages++;
            using var response = await client.GetAsync(url);
            var html = response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "text/html"
                ? await response.Content.ReadAsStringAsync() : null;
            await onPage(new Page(url, from, response, html));
            if (html is null) continue;
            foreach (var link in Links(html))
                if (queued.Add(link)) queue.Enqueue((link, url));
        }
        return opened.Count;
    }

    private static IEnumerable<string> Links(string html) =>
        Href().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(href => href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal))
            // Language switches and downloads add nothing to what a page shows.
            .Where(href => !href.Contains("lang=", StringComparison.Ordinal) && !href.Contains("format=", StringComparison.Ordinal))
            // Hangfire's dashboard (/jobs, admins) is Hangfire's own English interface, not a page of the product.
            .Where(href => href != "/jobs" && !href.StartsWith("/jobs/", StringComparison.Ordinal))
            .Where(href => !href.EndsWith(".css", StringComparison.Ordinal) && !href.Contains("/pdf", StringComparison.Ordinal)
                           && !href.Contains(".pdf", StringComparison.Ordinal) && !href.Contains("/zip", StringComparison.Ordinal));

    private static string Shape(string url) => Digits().Replace(url.Split('#')[0], "{n}");

    [GeneratedRegex("<a [^>]*href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}

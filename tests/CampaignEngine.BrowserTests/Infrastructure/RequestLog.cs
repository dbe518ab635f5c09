using Microsoft.Playwright;

namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>Every request a page makes, to prove a public page loads nothing from outside the host.</summary>
internal sealed class RequestLog
{
    private readonly List<string> _urls = [];

    public RequestLog(IPage page) => page.Request += (_, request) => { lock (_urls) _urls.Add(request.Url); };

    public IReadOnlyList<string> Urls
    {
        get { lock (_urls) return [.. _urls]; }
    }

    public IReadOnlyList<string> NotTo(string baseUrl) =>
        Urls.Where(url => !url.StartsWith(baseUrl + "/", StringComparison.Ordinal)).ToList();
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>
/// The product's JSON API with the admin key, for tests whose subject is a later page (the landing page)
/// and that only need a launched campaign to get there.
/// </summary>
internal sealed class CampaignApi : IDisposable
{
    private readonly HttpClient _http;

    public CampaignApi(HostProcess host)
    {
        _http = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HostProcess.AdminApiKey);
    }

    public async Task<long> CreateAndLaunchAsync(string moduleId, string name)
    {
        using var created = await _http.PostAsJsonAsync("/api/campaigns", new { moduleId, name, template = "appeal", window = new { from = "00:00", to = "24:00" } });
        var campaign = await ReadAsync(created);
        var id = campaign.GetProperty("id").GetInt64();
        using var launched = await _http.PostAsJsonAsync($"/api/campaigns/{id}/launch", new { });
        await ReadAsync(launched);
        return id;
    }

    /// <summary>Waits until nothing of the campaign is pending any more; returns how many were sent.</summary>
    public async Task<long> WaitUntilDispatchedAsync(long campaignId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var response = await _http.GetAsync($"/api/campaigns/{campaignId}");
            var counts = (await ReadAsync(response)).GetProperty("counts");
            if (counts.GetProperty("pending").GetInt64() == 0 && counts.GetProperty("total").GetInt64() > 0)
                return counts.GetProperty("sent").GetInt64() + counts.GetProperty("delivered").GetInt64();
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Campaign {campaignId} still has pending messages: {counts}");
            await Task.Delay(500);
        }
    }

    public void Dispose() => _http.Dispose();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignEngine.Web.Tests.Infrastructure;

public static class Json
{
    public static async Task<JsonNode> ReadNode(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException($"Empty JSON: {text}");
    }

    public static async Task<JsonNode> PostJson(this HttpClient client, string url, object body, System.Net.HttpStatusCode expected)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {url}: expected {expected}, got {response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> GetJson(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}

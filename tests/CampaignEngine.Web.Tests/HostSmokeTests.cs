using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests;

public sealed class HostSmokeTests : IDisposable
{
    private readonly TestHost _host = new();

    [Fact]
    public async Task Health_answers_200()
    {
        var response = await _host.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Api_without_key_is_401()
    {
        var response = await _host.CreateClient().GetAsync("/api/modules");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public void Dispose() => _host.Dispose();
}

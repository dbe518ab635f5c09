using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Ui;

public sealed class FaviconTests : IDisposable
{
    private readonly TestHost _host = new();

    [Theory]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task The_site_icon_is_served_from_this_origin_so_no_page_logs_a_404(string path, string type)
    {
        var response = await _host.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Staff_and_public_pages_link_the_site_icon()
    {
        var login = await _host.CreateClient().GetStringAsync("/account/login");

        Assert.Contains("rel=\"icon\" href=\"/favicon.svg\"", login, StringComparison.Ordinal);
    }

    public void Dispose() => _host.Dispose();
}

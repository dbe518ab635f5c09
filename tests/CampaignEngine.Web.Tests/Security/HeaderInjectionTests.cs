using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Projects;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignEngine.Web.Tests.Security;

/// <summary>Request values that end up in a redirect's Location header: checked first, so a CR/LF never reaches it.</summary>
public sealed class HeaderInjectionTests : IDisposable
{
    private readonly TestHost _host = new();

    [Theory]
    [InlineData("ky\r\nSet-Cookie: owned=1")]
    [InlineData("ky\nX-Injected: 1")]
    [InlineData("de")]
    [InlineData("ky&pledge=1")]
    public async Task A_pledge_form_with_a_bad_lang_is_refused_naming_it_and_nothing_is_saved(string lang)
    {
        var person = TestCompatriots.Insert(_host, new("Айпери Жумабаева", "female", "KG-N", "DE"));
        var (_, tokens) = ProjectTestKit.DeliveredCampaign(_host, "naryn", person);
        var visitor = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var landing = await visitor.GetStringAsync($"/r/{tokens[person]}");

        var response = await visitor.PostAsync($"/r/{tokens[person]}/pledge?lang={Uri.EscapeDataString(lang)}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ProjectTestKit.Token(landing), ["Kind"] = "money", ["Amount"] = "100", ["Currency"] = "USD",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("(ky, ru, en)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM pledge"));
    }

    [Fact]
    public async Task A_pledge_form_with_a_known_lang_still_goes_to_the_thank_you_page_in_that_language()
    {
        var person = TestCompatriots.Insert(_host, new("Айпери Жумабаева", "female", "KG-N", "DE"));
        var (_, tokens) = ProjectTestKit.DeliveredCampaign(_host, "naryn", person);
        var visitor = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var landing = await visitor.GetStringAsync($"/r/{tokens[person]}");

        var response = await visitor.PostAsync($"/r/{tokens[person]}/pledge?lang=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ProjectTestKit.Token(landing), ["Kind"] = "money", ["Amount"] = "100", ["Currency"] = "USD",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches($"^/r/{tokens[person]}/thanks\\?pledge=\\d+&lang=en$", response.Headers.Location!.OriginalString);
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM pledge"));
    }

    [Theory]
    [InlineData("/campaigns\r\nSet-Cookie: owned=1")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    public async Task Sign_in_with_a_hostile_return_address_goes_home(string returnUrl)
    {
        Users.Create(_host, "returner", "officer");
        var browser = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await browser.GetStringAsync("/account/login");

        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Users.Token(form), ["Login"] = "returner", ["Password"] = Users.Password, ["ReturnUrl"] = returnUrl,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    public void Dispose() => _host.Dispose();
}

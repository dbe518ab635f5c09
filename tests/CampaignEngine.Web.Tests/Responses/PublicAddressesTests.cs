using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.MyPage;
using CampaignEngine.Web.Tests.Projects;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignEngine.Web.Tests.Responses;

/// <summary>
/// A refused form is shown at the address it posted to. A phone that restores the tab, or a reload after going back,
/// opens that address with GET: the compatriot lands back on the form's page, in their language, never on the staff
/// sign-in.
/// </summary>
public sealed class PublicAddressesTests : IDisposable
{
    private readonly TestHost _host = new(TestHost.Sqlite);

    [Fact]
    public async Task A_forms_own_address_opened_again_leads_back_to_the_page_of_the_form_in_the_readers_language()
    {
        var (appeal, me) = Links();
        using var browser = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var (opened, back) in new[]
        {
            ($"/r/{appeal}/pledge?lang=ky", $"/r/{appeal}?lang=ky"),
            ($"/r/{appeal}/ask?lang=ru", $"/r/{appeal}?lang=ru#ask"),
            ($"/me/{me}/preferences?lang=en", $"/me/{me}?lang=en"),
            ($"/me/{me}/ask", $"/me/{me}"),
            ($"/me/{me}/rotate?lang=xx", $"/me/{me}"),
            ($"/me/{me}/pledges/12/stop?lang=ky", $"/me/{me}?lang=ky"),
            ("/projects/7/offer?lang=ru", "/projects/7?lang=ru"),
        })
        {
            var answer = await browser.GetAsync(opened);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.Equal(back, answer.Headers.Location?.OriginalString);
        }

        // Followed, the appeal opens in Kyrgyz with its form.
        var page = await _host.CreateClient().GetStringAsync($"/r/{appeal}/pledge?lang=ky");
        Assert.Contains($"action=\"/r/{appeal}/pledge?lang=ky\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("account/login", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_other_address_under_a_link_says_in_the_readers_language_that_it_leads_nowhere()
    {
        var (appeal, me) = Links();
        using var browser = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var address in new[] { $"/r/{appeal}/plegde?lang=ru", $"/r/{appeal}/thanks/extra?lang=ru", $"/me/{me}/settings?lang=ru", "/me/unknown-token/a/b?lang=ru" })
        {
            var answer = await browser.GetAsync(address);
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            var page = await answer.Content.ReadAsStringAsync();
            Assert.Contains("lang=\"ru\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("account/login", page, StringComparison.Ordinal);
        }
        // The link's own pages still answer.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/r/{appeal}/questions?lang=ru")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/me/{me}?lang=ru")).StatusCode);
    }

    [Fact]
    public async Task An_address_nothing_answers_says_in_the_readers_language_that_no_page_is_there_and_staff_pages_still_ask_to_sign_in()
    {
        using var browser = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var (address, language, title) in new[]
        {
            ("/verfy/abc?lang=ru", "ru", "Страница не найдена"), ("/plegde?lang=ky", "ky", "Бет табылган жок"), ("/a/b/c.html?lang=en", "en", "Page not found"),
        })
        {
            var answer = await browser.GetAsync(address);
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            var page = await answer.Content.ReadAsStringAsync();
            Assert.Contains($"lang=\"{language}\"", page, StringComparison.Ordinal);
            Assert.Contains($"<h1>{title}</h1>", page, StringComparison.Ordinal);
            Assert.DoesNotContain("account/login", page, StringComparison.Ordinal);
        }

        // The API answers in its own format.
        var api = await browser.GetAsync("/api/nowhere");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        // A staff page, and a form posted to an address nothing answers, still ask to sign in.
        var staff = await browser.GetAsync("/campaigns");
        Assert.Equal(HttpStatusCode.Redirect, staff.StatusCode);
        Assert.Contains("/account/login", staff.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await browser.PostAsync("/nowhere", new FormUrlEncodedContent([]))).StatusCode);
        // The files the public pages load are still files.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/public.css")).StatusCode);
    }

    [Fact]
    public async Task A_HEAD_request_answers_as_GET_does_on_every_page_so_a_link_checker_never_hears_the_staff_sign_in()
    {
        using var checker = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var (appeal, me) = Links();

        foreach (var address in new[] { "/verify", "/responsiveness", $"/r/{appeal}", $"/r/{appeal}/questions", $"/me/{me}", "/account/login" })
        {
            var answer = await checker.SendAsync(new HttpRequestMessage(HttpMethod.Head, address));
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"HEAD {address}: {answer.StatusCode} {answer.Headers.Location}");
            Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await checker.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/plegde"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await checker.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/r/{appeal}/nothing"))).StatusCode);

        // A staff page still asks to sign in, as its GET does.
        var staff = await checker.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/campaigns"));
        Assert.Equal(HttpStatusCode.Redirect, staff.StatusCode);
        Assert.Contains("/account/login", staff.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_that_finds_nothing_says_so_in_the_readers_language_instead_of_a_blank_screen()
    {
        using var browser = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var (address, language, title) in new[]
        {
            ("/projects/999999?lang=ky", "ky", "Бет табылган жок"), ("/honour/nowhere?lang=en", "en", "Page not found"),
        })
        {
            var answer = await browser.GetAsync(address);
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            var page = await answer.Content.ReadAsStringAsync();
            Assert.Contains($"lang=\"{language}\"", page, StringComparison.Ordinal);
            Assert.Contains($"<h1>{title}</h1>", page, StringComparison.Ordinal);
        }

        // Staff keep their menu, and read why a page of theirs may be gone.
        var officer = await Security.Users.SignInAsync(_host, "nopage-officer", "officer");
        var staff = await officer.GetAsync("/campaigns/999999?lang=en");
        Assert.Equal(HttpStatusCode.NotFound, staff.StatusCode);
        var staffPage = await staff.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Page not found</h1>", staffPage, StringComparison.Ordinal);
        Assert.Contains("belongs to another region or organisation", staffPage, StringComparison.Ordinal);
        Assert.Contains("href=\"/campaigns\"", staffPage, StringComparison.Ordinal);

        // The API keeps its own format.
        var api = await _host.AdminClient().GetAsync("/api/campaigns/999999");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A person's appeal link (a delivered message of the Naryn module) and personal page link.</summary>
    private (string Appeal, string Me) Links()
    {
        var person = TestCompatriots.Insert(_host, new("Айгүл", "female", "KG-N", "DE"));
        return (ProjectTestKit.DeliveredCampaign(_host, "naryn", person).Tokens[person], MyPageKit.LinkOf(_host, person));
    }

    public void Dispose() => _host.Dispose();
}

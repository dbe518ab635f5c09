using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignEngine.Web.Tests.Security;

/// <summary>The host behind a TLS proxy: which forwarded headers count, and what the cookie, HSTS and rate limits make of them.</summary>
public sealed class TrustedProxyTests : IDisposable
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.20.0.5");
    private static readonly IPAddress Stranger = IPAddress.Parse("198.51.100.9");
    private readonly List<TestHost> _hosts = [];

    [Fact]
    public async Task Clients_behind_a_trusted_proxy_each_get_their_own_rate_limit_bucket()
    {
        var host = Start(new() { ["ForwardedHeaders:KnownProxies"] = "10.20.0.5", ["RateLimits:PublicPerMinute"] = "3" });
        var first = await Statuses(host, Proxy, "203.0.113.7", 4);
        var second = await Statuses(host, Proxy, "203.0.113.8", 3);
        Assert.Equal([404, 404, 404, 429], first);
        Assert.Equal([404, 404, 404], second);
    }

    [Fact]
    public async Task An_untrusted_peer_cannot_choose_its_bucket_with_x_forwarded_for()
    {
        var host = Start(new() { ["ForwardedHeaders:KnownProxies"] = "10.20.0.5", ["RateLimits:PublicPerMinute"] = "3" });
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++) statuses.AddRange(await Statuses(host, Stranger, $"203.0.113.{20 + i}", 1));
        Assert.Equal([404, 404, 404, 429, 429], statuses);
    }

    [Fact]
    public async Task A_network_range_is_trusted_as_configured()
    {
        var host = Start(new() { ["ForwardedHeaders:KnownNetworks"] = "10.20.0.0/16", ["RateLimits:PublicPerMinute"] = "2" });
        Assert.Equal([404, 404, 429], await Statuses(host, IPAddress.Parse("10.20.3.4"), "203.0.113.30", 3));
        Assert.Equal([404, 404], await Statuses(host, IPAddress.Parse("10.20.9.9"), "203.0.113.31", 2));
    }

    [Fact]
    public async Task Https_at_a_trusted_proxy_gives_hsts_and_https_claimed_by_a_stranger_does_not()
    {
        var host = Start(new() { ["ForwardedHeaders:KnownProxies"] = "10.20.0.5" });
        var viaProxy = await Send(host, Proxy, "/account/login", "203.0.113.7", proto: "https");
        Assert.Equal("max-age=31536000", viaProxy.Response.Headers.StrictTransportSecurity.ToString());
        var fromStranger = await Send(host, Stranger, "/account/login", "203.0.113.7", proto: "https");
        Assert.Equal("", fromStranger.Response.Headers.StrictTransportSecurity.ToString());
    }

    [Fact]
    public async Task Without_a_configured_proxy_forwarded_headers_are_ignored_even_from_loopback()
    {
        var host = Start(new() { ["RateLimits:PublicPerMinute"] = "2" });
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++) statuses.AddRange(await Statuses(host, IPAddress.Loopback, $"203.0.113.{40 + i}", 1));
        Assert.Equal([404, 404, 429], statuses);
        Assert.Equal("", (await Send(host, IPAddress.Loopback, "/account/login", "203.0.113.7", proto: "https")).Response.Headers.StrictTransportSecurity.ToString());
    }

    [Fact]
    public async Task Outside_development_the_sign_in_cookie_is_secure_even_over_plain_http()
    {
        // No Auth:SecureCookies: the product's own default outside Development, over http as a proxy would forward it.
        var host = Start(new() { ["Auth:SecureCookies"] = null });
        Users.Create(host, "secure-flags", "officer");
        var cookie = await SignInCookieHeader(host);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task In_development_http_keeps_working_without_secure_cookies_or_hsts()
    {
        var host = Start(new() { ["Auth:SecureCookies"] = null }, development: true);
        Users.Create(host, "secure-flags", "officer");
        Assert.DoesNotContain("secure", await SignInCookieHeader(host), StringComparison.OrdinalIgnoreCase);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        Assert.False((await client.GetAsync("/account/login")).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public void A_proxy_that_is_not_an_address_stops_the_start()
    {
        var host = new TestHost { Settings = { ["ForwardedHeaders:KnownProxies"] = "proxy.local" } };
        _hosts.Add(host);
        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        Assert.Contains("ForwardedHeaders:KnownProxies", error.ToString());
    }

    private TestHost Start(Dictionary<string, string?> settings, bool development = false)
    {
        var host = development ? new TestHost { Customize = b => b.UseEnvironment("Development") } : new TestHost();
        foreach (var (key, value) in settings) host.Settings[key] = value;
        _hosts.Add(host);
        return host;
    }

    /// <summary>Public, rate-limited requests (an unknown tracked link) from one peer with one X-Forwarded-For.</summary>
    private static async Task<List<int>> Statuses(TestHost host, IPAddress peer, string forwardedFor, int count)
    {
        var statuses = new List<int>();
        for (var i = 0; i < count; i++) statuses.Add((await Send(host, peer, $"/r/{i:x32}", forwardedFor)).Response.StatusCode);
        return statuses;
    }

    private static Task<HttpContext> Send(TestHost host, IPAddress peer, string path, string forwardedFor, string? proto = null) =>
        host.Server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = path;
            context.Request.Scheme = "http";
            context.Connection.RemoteIpAddress = peer;
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            if (proto is not null) context.Request.Headers["X-Forwarded-Proto"] = proto;
        });

    private static async Task<string> SignInCookieHeader(TestHost host)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = "secure-flags", ["Password"] = Users.Password, ["__RequestVerificationToken"] = Users.Token(await client.GetStringAsync("/account/login")),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ce_auth=", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        foreach (var host in _hosts) host.Dispose();
    }
}

using System.Net;
using CampaignEngine.Web.Features.Auth;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Security;

/// <summary>
/// Outside Development the sign-in cookie is Secure, except for a local trial: plain HTTP from this machine to a
/// loopback address with no proxy in between, where many HTTP clients would never send a Secure cookie back.
/// </summary>
public sealed class LocalTrialCookieTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1:5080", null, false)]
    [InlineData("::1", "localhost:5080", null, false)]
    [InlineData("127.0.0.1", "campaigns.example.kg", null, true)]         // a proxy on this machine passing the public name
    [InlineData("127.0.0.1", "127.0.0.1:5080", "X-Forwarded-For", true)]  // a proxy on this machine with the default Host
    [InlineData("127.0.0.1", "127.0.0.1:5080", "X-Forwarded-Proto", true)]
    [InlineData("203.0.113.9", "127.0.0.1:5080", null, true)]             // another machine
    public void The_sign_in_cookie_loses_secure_only_on_a_local_trial(string peer, string host, string? forwardedHeader, bool secure)
    {
        var cookie = Append(peer, host, forwardedHeader, setting: null);

        Assert.Equal(secure, cookie.CookieOptions.Secure);
    }

    [Fact]
    public void Auth_secure_cookies_true_keeps_the_flag_even_on_a_local_trial()
    {
        Assert.True(Append("127.0.0.1", "127.0.0.1:5080", null, setting: "true").CookieOptions.Secure);
    }

    private static AppendCookieContext Append(string peer, string host, string? forwardedHeader, string? setting)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection()
                .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:SecureCookies"] = setting }).Build())
                .BuildServiceProvider(),
        };
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        context.Request.Scheme = "http";
        context.Request.Host = new HostString(host);
        if (forwardedHeader is not null) context.Request.Headers[forwardedHeader] = "https";
        var cookie = new AppendCookieContext(context, new CookieOptions { Secure = true, HttpOnly = true }, "ce_auth", "value");
        LocalTrialCookies.Relax(cookie);
        return cookie;
    }
}

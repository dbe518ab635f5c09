using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// Behind a TLS proxy the host sees the proxy's address and plain HTTP. X-Forwarded-For and X-Forwarded-Proto are
/// applied only when they come from a proxy listed in ForwardedHeaders:KnownProxies (addresses) or
/// ForwardedHeaders:KnownNetworks (CIDR ranges); from anyone else they are ignored, so a client cannot choose its own
/// rate-limit bucket or pretend to be on HTTPS. With nothing listed, forwarded headers are not read at all.
/// </summary>
internal static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = List(configuration, "ForwardedHeaders:KnownProxies").Select(p => IPAddress.TryParse(p, out var address)
            ? address : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{p}' is not an IP address.")).ToList();
        var networks = List(configuration, "ForwardedHeaders:KnownNetworks").Select(n => System.Net.IPNetwork.TryParse(n, out var network)
            ? network : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{n}' is not a network such as 10.0.0.0/8.")).ToList();
        services.AddSingleton(new ProxyList(proxies.Count + networks.Count > 0));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; only what is configured counts here (an empty list would trust everyone).
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
            // Every trusted hop is unwrapped (a CDN in front of the proxy), stopping at the first address not listed.
            o.ForwardLimit = null;
        });
        return services;
    }

    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<ProxyList>().Any ? app.UseForwardedHeaders() : app;

    // Configuration as a JSON array or, for environment variables, one string separated by commas or semicolons.
    private static IEnumerable<string> List(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? "");
        return values.SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private sealed record ProxyList(bool Any);
}

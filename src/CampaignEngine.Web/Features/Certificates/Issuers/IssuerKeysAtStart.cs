using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Certificates.Issuers;

/// <summary>
/// Before the host serves anything, every enabled module's issuer has a usable signing key, so that issuers.json
/// lists it from the first start and a verifier can pin it before the issuer's first certificate. A key sealed under
/// a lost Data Protection key ring is replaced here rather than at the next issuance, so the key published as active
/// is the one that signs. Safe to repeat and to race: <see cref="CertificateSigner.ActiveKey"/> inserts against the
/// one-active-key-per-issuer index, so a restart, a second host or an issuance at the same moment never makes a second.
/// </summary>
internal sealed class IssuerKeysAtStart(ModuleRegistry modules, CertificateSigner signer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var module in modules.Enabled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var key = signer.ActiveKey(module.Manifest.Id);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

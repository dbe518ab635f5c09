using CampaignEngine.Core.Modules;

namespace CampaignEngine.Web.Features.Certificates.Nominations;

/// <summary>
/// What a module's event handler may ask of the host (Core's <see cref="IModuleContext"/>), answered by the feature
/// that owns nominations. A handler may run more than once for one event: the store keeps one nomination per module,
/// person, kind and reason, so a repeat nominates nobody twice.
/// </summary>
internal sealed class NominationsForModules(CertificateNominations nominations) : IModuleContext
{
    public Task NominateForCertificateAsync(CertificateNomination nomination)
    {
        nominations.Nominate(nomination);
        return Task.CompletedTask;
    }
}

namespace CampaignEngine.Core.Modules;

/// <summary>What a module may register with the host.</summary>
public interface IModuleBuilder
{
    /// <summary>The module's manifest, as read from its <c>module.json</c>.</summary>
    ModuleManifest Manifest { get; }

    /// <summary>Runs <paramref name="handler"/> whenever the host publishes an event of type <typeparamref name="TEvent"/>.</summary>
    void On<TEvent>(Func<TEvent, IModuleContext, Task> handler) where TEvent : IDomainEvent;
}

/// <summary>What a module's event handler may ask the host to do.</summary>
public interface IModuleContext
{
    /// <summary>Proposes a certificate for an oblast user to approve (never issues one by itself).</summary>
    Task NominateForCertificateAsync(CertificateNomination nomination);
}

/// <summary>
/// A proposal to recognise a compatriot, awaiting approval by the issuing administration. <paramref name="Reason"/> is
/// printed on the certificate, so it is a sentence for the holder, never an internal id; <paramref name="Reasons"/>, when
/// given, holds it in every language, and the certificate prints the one of its own language.
/// </summary>
public sealed record CertificateNomination(long CompatriotId, string ModuleId, string Kind, string Reason, Reference.LocalizedText? Reasons = null);

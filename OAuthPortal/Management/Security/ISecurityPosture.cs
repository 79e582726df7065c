namespace OAuthPortal.Management.Security;

/// <summary>The portal's RFC 9700 controls with their current settings (/Admin/Security; logged at start-up).</summary>
public interface ISecurityPosture
{
    IReadOnlyList<SecurityControl> Controls();
}

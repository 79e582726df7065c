using OAuthPortal.Management.Security;

namespace OAuthPortal.Areas.Admin.Pages.Security;

/// <summary>/Admin/Security: each RFC 9700 control with its current setting and whether it is enforced.</summary>
public sealed class IndexModel(ISecurityPosture posture) : AdminPageModel
{
    public IReadOnlyList<SecurityControl> Controls { get; private set; } = [];

    public void OnGet() => Controls = posture.Controls();
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Data;

namespace OAuthPortal.Pages.Device;

/// <summary>/device/done/{approved|denied}: where the device page ends (Post/Redirect/Get), saying what happens on the device.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class DoneModel : PageModel
{
    public bool Approved { get; private set; }

    public IActionResult OnGet(string outcome)
    {
        if (!Enum.TryParse<DeviceCodeStatus>(outcome, ignoreCase: true, out var status) || status == DeviceCodeStatus.Pending ||
            !string.Equals(outcome, status.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            return NotFound();
        }

        Approved = status == DeviceCodeStatus.Approved;
        return Page();
    }
}

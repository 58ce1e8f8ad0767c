"""The credentials API other apps call (learning on course completion):

from credentials.services import issue_credential, revoke_credential
"""

from .issuing import issue_credential, recipient_identity, revoke_credential

__all__ = ["issue_credential", "recipient_identity", "revoke_credential"]

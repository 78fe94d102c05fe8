# -X specialize=0 (spec_forms_off.opts): nothing is ever specialized, and
# programs behave the same (spec_invalidate run again).
import spec_forms
import spec_invalidate
